"""How much can be sold: stock, made-to-order capacity per day, and the earliest date."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

#: The most of one product a single cart line may hold.
MAX_LINE_QUANTITY = 99
#: How many days ahead a wanted date may be, unless the setting WANTED_DATE_MAX_DAYS says otherwise.
MAX_AHEAD_DAYS = 60


class OutOfStock(ValueError):
    """A line cannot be served; ``reason`` says why ("stock", "capacity" or "unavailable")."""

    def __init__(self, product_id: int, name: str, requested: int, available: int,
                 reason: str = "stock"):
        super().__init__(f"{name}: {requested} wanted, {available} available ({reason})")
        self.product_id = product_id
        self.name = name
        self.requested = requested
        self.available = max(0, available)
        self.reason = reason


class DateOutOfRange(ValueError):
    """A wanted date outside the days offered, ``earliest`` to ``latest``."""

    def __init__(self, earliest: date, latest: date | None = None):
        super().__init__(earliest.isoformat())
        self.earliest = earliest
        #: the last day that may be chosen, when known
        self.latest = latest


class DateTooEarly(DateOutOfRange):
    """A wanted date before the seller can have a made-to-order product ready."""


class DateTooLate(DateOutOfRange):
    """A wanted date further ahead than orders are taken (``MAX_AHEAD_DAYS`` by default)."""


@dataclass(frozen=True)
class Request:
    """One line's need: from stock, or from a day's made-to-order capacity."""

    product_id: int
    name: str
    quantity: int
    #: units in stock; None for made-to-order
    stock: int | None = None
    #: made-to-order: how many she can make in a day, and how many are already booked that day
    daily_capacity: int | None = None
    booked: int = 0


@dataclass(frozen=True)
class Take:
    """What to reserve for one product."""

    product_id: int
    quantity: int
    from_stock: bool


def available(request: Request) -> int:
    if request.stock is not None:
        return request.stock
    return (request.daily_capacity or 0) - request.booked


def cap_quantity(wanted: int, stock: int | None, daily_capacity: int | None) -> int:
    """A cart quantity within 1..MAX_LINE_QUANTITY and what the seller can serve (0 if none)."""
    limit = stock if stock is not None else (daily_capacity or 0)
    return max(0, min(wanted, limit, MAX_LINE_QUANTITY))


def plan(requests: Iterable[Request]) -> list[Take]:
    """Check every line; the takes come in product id order (the order locks are taken in).

    Raises ``OutOfStock`` for the first line that cannot be served.
    """
    merged: dict[int, Request] = {}
    for request in requests:
        if request.product_id in merged:
            prev = merged[request.product_id]
            request = Request(prev.product_id, prev.name, prev.quantity + request.quantity,
                              prev.stock, prev.daily_capacity, prev.booked)
        merged[request.product_id] = request
    takes = []
    for request in merged.values():
        if request.quantity < 1:
            raise ValueError("quantity must be positive")
        if request.quantity > available(request):
            reason = "stock" if request.stock is not None else "capacity"
            raise OutOfStock(request.product_id, request.name, request.quantity,
                             available(request), reason)
        takes.append(Take(request.product_id, request.quantity, request.stock is not None))
    return sorted(takes, key=lambda take: take.product_id)


def earliest_date(today: date, lead_days: int) -> date:
    """The first day a made-to-order product can be ready: ``lead_days`` after today."""
    return today + timedelta(days=max(0, lead_days))


def latest_date(today: date, lead_days: int, max_ahead_days: int = MAX_AHEAD_DAYS) -> date:
    """The last day a wanted date may be: ``max_ahead_days`` from today, never before the earliest."""
    return today + timedelta(days=max(max_ahead_days, lead_days, 0))


def check_date(wanted: date, today: date, lead_days: int, max_ahead_days: int = MAX_AHEAD_DAYS) -> date:
    earliest = earliest_date(today, lead_days)
    latest = latest_date(today, lead_days, max_ahead_days)
    if wanted < earliest:
        raise DateTooEarly(earliest, latest)
    if wanted > latest:
        raise DateTooLate(earliest, latest)
    return wanted
