"""Site-wide pages: home, health checks, language choice, media files."""
