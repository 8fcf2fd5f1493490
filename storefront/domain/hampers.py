"""Hampers: shares that add up to the price, and whether every part can be had."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


class HamperError(ValueError):
    """A hamper that cannot be sold as composed."""


class SharesDoNotAddUp(HamperError):
    def __init__(self, price: int, total: int):
        super().__init__(f"shares {total} != price {price}")
        self.price = price
        self.total = total


class BadShare(HamperError):
    """A share below zero, or a hamper with no component."""


class TooFewSellers(HamperError):
    """A hamper holds the work of at least two sellers."""


def check_shares(price: int, shares: Mapping[int, int]) -> dict[int, int]:
    """``shares`` is ``{shop id: rupiah}``; they must be whole, not negative, and sum to ``price``."""
    if price < 0 or not shares:
        raise BadShare(price)
    if any(not isinstance(v, int) or v < 0 for v in shares.values()):
        raise BadShare(shares)
    if len(shares) < 2:
        raise TooFewSellers(len(shares))
    total = sum(shares.values())
    if total != price:
        raise SharesDoNotAddUp(price, total)
    return dict(shares)


@dataclass(frozen=True)
class Part:
    """One component as it stands now."""

    product_id: int
    quantity: int
    approved: bool
    shop_takes_orders: bool
    #: units in stock (None for made-to-order)
    stock: int | None
    made_to_order: bool = False


def missing_parts(parts: Iterable[Part]) -> list[int]:
    """Product ids of the components that cannot be had now (empty list: available)."""
    out = []
    for part in parts:
        closed = not (part.approved and part.shop_takes_orders)
        short = not part.made_to_order and (part.stock or 0) < part.quantity
        if closed or short:
            out.append(part.product_id)
    return out
