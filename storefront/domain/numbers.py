"""Whole numbers typed by a person or put in an address: ids, page numbers, quantities.

One parser for all of them: ASCII digits only (``"²".isdigit()`` is true, yet ``int("²")``
fails, and ``int("٣")`` is 3), an optional minus sign where allowed, and a range that the
database can hold (PostgreSQL's ``integer`` ends at 2**31 - 1).
"""
from __future__ import annotations

#: the largest value of a PostgreSQL ``integer`` column: every id fits
MAX_ID = 2**31 - 1


class NotAWholeNumber(ValueError):
    """The text is not a whole number in the allowed range."""


def parse_whole(text: str | None, *, low: int = 0, high: int = MAX_ID) -> int:
    """``text`` (surrounding spaces allowed) as an int in ``low..high``, else ``NotAWholeNumber``."""
    raw = (text or "").strip(" ")
    digits = raw[1:] if raw.startswith("-") and low < 0 else raw
    if not digits or not digits.isascii() or not digits.isdigit() or len(digits) > len(str(high)) + 1:
        raise NotAWholeNumber(text)
    value = int(raw)
    if not low <= value <= high:
        raise NotAWholeNumber(text)
    return value


def parse_id(text: str | None) -> int | None:
    """An id (1 … 2**31 - 1), or None for anything else."""
    try:
        return parse_whole(text, low=1)
    except NotAWholeNumber:
        return None


def bounded_id(text: str) -> int:
    """As ``parse_id``, raising ``ValueError``: for ``request.args.get(name, type=bounded_id)``,
    which gives the default instead."""
    return parse_whole(text, low=1)


def page_number(text: str) -> int:
    """A page number of a list (1 … 100,000), for ``request.args.get("page", 1, type=...)``."""
    return parse_whole(text, low=1, high=100_000)
