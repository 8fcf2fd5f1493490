"""The one check for every redirect target that comes from the visitor (``next``, Referer).

Only a path on this site is followed. Refused, so the visitor goes to a default page:
another host or scheme, scheme-relative (``//host``), backslashes (browsers read them as
slashes), whitespace and control characters (browsers drop tabs and newlines, turning
``/\t/evil.example`` into ``//evil.example``; a newline in a header is a 500), and the
same tricks hidden behind percent-escapes.
"""
from __future__ import annotations

from urllib.parse import unquote, urlsplit

from flask import request

#: longer targets are not ours (our own paths are far shorter)
MAX_LENGTH = 2000


def _clean(text: str) -> bool:
    return not any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 or ch == "\\" for ch in text)


def safe_next(target: str | None) -> str | None:
    """``target`` when it is a path on this site, else None."""
    if not target or len(target) > MAX_LENGTH or not target.startswith("/"):
        return None
    decoded = unquote(target)
    if not (_clean(target) and _clean(decoded)):
        return None
    if target.startswith("//") or decoded.startswith("//"):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


def safe_referrer() -> str | None:
    """The page the visitor came from, as a path, when it is a page of this site."""
    referrer = request.referrer or ""
    try:
        parts = urlsplit(referrer)
    except ValueError:
        return None
    if parts.netloc != request.host or parts.scheme not in ("http", "https"):
        return None
    return safe_next(parts.path + (f"?{parts.query}" if parts.query else ""))
