"""Indonesian phone numbers, normalised to E.164 (``+62812…``)."""
from __future__ import annotations

import re


class InvalidPhone(ValueError):
    """Not a plausible Indonesian mobile or landline number."""


def normalise_phone(text: str) -> str:
    """``0812-3456-789``, ``+62 812 3456 789`` and ``62812…`` all become ``+628123456789``."""
    digits = re.sub(r"[\s\-().]", "", text or "")
    if digits.startswith("+"):
        digits = digits[1:]
    if not (digits.isascii() and digits.isdigit()):
        raise InvalidPhone(text)
    if digits.startswith("62"):
        national = digits[2:]
    elif digits.startswith("0"):
        national = digits[1:]
    elif digits.startswith("8"):
        national = digits
    else:
        raise InvalidPhone(text)
    if national.startswith("0") or not 8 <= len(national) <= 13:
        raise InvalidPhone(text)
    return "+62" + national


def wa_number(e164: str) -> str:
    """The digits ``wa.me`` expects: ``+628123…`` → ``628123…``."""
    return e164.lstrip("+")
