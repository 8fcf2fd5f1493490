"""Staff onboard sellers: record her, make her shop, and give her a one-time link."""
