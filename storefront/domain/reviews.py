"""Review rules: the rating scale, the text limits, and how a reviewer's name is shown."""
from __future__ import annotations

import re

#: Lowest and highest number of stars.
MIN_RATING, MAX_RATING = 1, 5
#: Longest review text, in characters.
MAX_TEXT = 2000
#: Longest seller reply, in characters.
MAX_REPLY = 1000

#: Words people put before a name ("Ibu Maria") that are not her first name.
HONORIFICS = frozenset({"ibu", "bu", "mama", "mamak", "bapak", "pak", "kak", "kakak", "nona",
                        "tante", "om", "sdr", "sdri", "ny", "nyonya", "mrs", "ms", "mr"})
#: Something that looks like an HTML tag or comment: "<b>", "</script", "<!--", "<?php".
_MARKUP = re.compile(r"<\s*[a-zA-Z/!?]")


class ReviewRefused(ValueError):
    """A review or reply that breaks a rule."""


class RatingOutOfRange(ReviewRefused):
    """The rating is not a whole number of stars from 1 to 5."""


class TextTooLong(ReviewRefused):
    """The text is longer than allowed."""


class MarkupInText(ReviewRefused):
    """The text carries HTML or script code instead of plain words."""


class TextRequired(ReviewRefused):
    """A reply or a reason must say something."""


class PurchaseNotCompleted(ReviewRefused):
    """The seller order was not handed over yet (or was cancelled)."""


class AlreadyReviewed(ReviewRefused):
    """This order line already has its review."""


class AlreadyReplied(ReviewRefused):
    """The seller already answered this review."""


def check_rating(value: object) -> int:
    """Return the rating as an int, or raise ``RatingOutOfRange``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise RatingOutOfRange(value)
    if not MIN_RATING <= value <= MAX_RATING:
        raise RatingOutOfRange(value)
    return value


def check_text(text: str | None, limit: int = MAX_TEXT) -> str:
    """Plain text, trimmed, at most ``limit`` characters; raise on markup or length."""
    cleaned = (text or "").replace("\r\n", "\n").strip()
    if len(cleaned) > limit:
        raise TextTooLong(len(cleaned))
    if _MARKUP.search(cleaned):
        raise MarkupInText(cleaned[:40])
    return cleaned


def public_name(full_name: str | None) -> str:
    """"Maria Tefa" → "Maria T."; "Ibu Maria Goreti Tefa" → "Maria T."; "Maria" → "Maria".

    Only the first name and the initial of the last name are ever shown. An empty name gives "".
    """
    words = [w for w in re.split(r"\s+", (full_name or "").strip()) if w]
    while len(words) > 1 and words[0].lower().rstrip(".") in HONORIFICS:
        words.pop(0)
    if not words:
        return ""
    first = words[0][:30]
    if len(words) == 1:
        return first
    initial = next((c for c in words[-1] if c.isalnum()), "")
    return f"{first} {initial.upper()}." if initial else first


def average(ratings_sum: int, count: int) -> float:
    """The average rating rounded to one decimal, 0.0 when there is none."""
    return round(ratings_sum / count, 1) if count else 0.0


def stars(rating: float) -> str:
    """Five stars, filled up to the rounded rating: 3.6 → "★★★★☆"."""
    filled = max(0, min(MAX_RATING, int(rating + 0.5)))
    return "★" * filled + "☆" * (MAX_RATING - filled)
