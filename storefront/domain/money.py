"""Rupiah arithmetic and formatting.

Rupiah have no minor unit in daily use, so every amount is a whole number of
rupiah held in an ``int``.  Conversion to a payment provider's minor units
happens only inside that provider's adapter.
"""
from __future__ import annotations

import re

#: The highest price a single product may carry (Rp 100 juta): guards against typos.
MAX_PRICE = 100_000_000
#: The lowest price of a listed product.
MIN_PRICE = 500


class InvalidPrice(ValueError):
    """A price that is not a whole, positive rupiah amount within bounds."""

    def __init__(self, code: str):
        super().__init__(code)
        #: machine-readable reason: "empty", "format", "too_low", "too_high"
        self.code = code


def format_rupiah(amount: int) -> str:
    """``1250000`` → ``"Rp 1.250.000"``; negatives keep their sign in front."""
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp {abs(int(amount)):,}".replace(",", ".")


_SEPARATORS = re.compile(r"[.\s,]")
_PREFIX = re.compile(r"^\s*(rp\.?)\s*", re.IGNORECASE)


def read_rupiah(text: str | int | None) -> int:
    """Read any rupiah amount as people type it: ``"63.000"``, ``"Rp 63.000"``, ``"63000"``.

    Dots, commas and spaces are thousands separators; cents are not accepted
    (``"25.000,50"`` is refused because rupiah have no cents). Zero is an amount.
    """
    raw = _PREFIX.sub("", str(text if text is not None else "").strip())
    if not raw:
        raise InvalidPrice("empty")
    if re.search(r"[.,]\d{1,2}$", raw):
        raise InvalidPrice("format")
    digits = _SEPARATORS.sub("", raw)
    if not (digits.isascii() and digits.isdigit()) or len(digits) > 12:
        raise InvalidPrice("format")
    return int(digits)


def parse_rupiah(text: str | int | None) -> int:
    """Read a product price as a seller types it (see ``read_rupiah``), within the price bounds."""
    return validate_price(read_rupiah(text))


def validate_price(amount: int) -> int:
    """Return ``amount`` if it is a sellable price, else raise ``InvalidPrice``."""
    if amount < MIN_PRICE:
        raise InvalidPrice("too_low")
    if amount > MAX_PRICE:
        raise InvalidPrice("too_high")
    return amount
