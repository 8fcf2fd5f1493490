"""Photos: decode and resize uploads, and keep the files behind a storage interface."""
