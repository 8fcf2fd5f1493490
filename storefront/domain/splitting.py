"""Split cart lines into one draft order per shop, with subtotals, delivery fees and totals."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Line:
    """One product in the cart, priced from the database."""

    product_id: int
    shop_id: int
    shop_name: str
    product_name: str
    unit_price: int
    quantity: int

    @property
    def total(self) -> int:
        return self.unit_price * self.quantity


@dataclass
class ShopDraft:
    """What one shop will receive: her lines, her subtotal, her delivery fee."""

    shop_id: int
    shop_name: str
    lines: list[Line] = field(default_factory=list)
    delivery_fee: int = 0

    @property
    def subtotal(self) -> int:
        return sum(line.total for line in self.lines)

    @property
    def total(self) -> int:
        return self.subtotal + self.delivery_fee


class EmptyCart(ValueError):
    """There is nothing to split."""


class InvalidLine(ValueError):
    """A line with a quantity or price that cannot be sold."""


def split(lines: Iterable[Line], delivery_fees: Mapping[int, int] | None = None) -> list[ShopDraft]:
    """Group lines by shop (in the order shops first appear); add each shop's delivery fee."""
    fees = delivery_fees or {}
    drafts: dict[int, ShopDraft] = {}
    for line in lines:
        if line.quantity < 1 or line.unit_price < 0:
            raise InvalidLine(line.product_id)
        draft = drafts.setdefault(line.shop_id, ShopDraft(line.shop_id, line.shop_name))
        draft.lines.append(line)
    if not drafts:
        raise EmptyCart
    for shop_id, draft in drafts.items():
        fee = fees.get(shop_id, 0)
        if fee < 0:
            raise InvalidLine(shop_id)
        draft.delivery_fee = fee
    return list(drafts.values())


def grand_total(drafts: Iterable[ShopDraft]) -> int:
    return sum(draft.total for draft in drafts)
