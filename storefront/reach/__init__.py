"""Reaching buyers where they are: link previews, share images, printed posters and labels,
visit counts per source, and catalog feeds."""
