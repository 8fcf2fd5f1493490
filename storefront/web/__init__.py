"""Web plumbing shared by every blueprint: template helpers, error pages, access rules."""
