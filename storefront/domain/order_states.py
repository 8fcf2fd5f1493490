"""The life of a seller's part of an order: statuses, allowed moves, the order's own status."""
from __future__ import annotations

import enum
from collections.abc import Iterable


class SellerOrderStatus(enum.StrEnum):
    #: placed; waiting until payment is arranged (cash orders move on at once)
    AWAITING_PAYMENT = "awaiting_payment"
    #: ready for the seller to look at and accept
    NEW = "new"
    #: the seller said she will make or pack it
    ACCEPTED = "accepted"
    #: ready for pickup, or out for delivery
    READY = "ready"
    #: handed over to the buyer
    COMPLETED = "completed"
    #: cancelled by the seller (before accepting) or by staff; stock was returned
    CANCELLED = "cancelled"


class OrderStatus(enum.StrEnum):
    #: every part still waits for payment
    AWAITING_PAYMENT = "awaiting_payment"
    #: at least one part is being handled by its seller
    IN_PROGRESS = "in_progress"
    #: every part that was not cancelled is ready or handed over, at least one still ready
    READY = "ready"
    #: every part that was not cancelled was handed over
    COMPLETED = "completed"
    #: every part was cancelled
    CANCELLED = "cancelled"


class InvalidTransition(ValueError):
    """A seller order was asked to move to a status it cannot reach from where it is."""

    def __init__(self, current: SellerOrderStatus, target: SellerOrderStatus):
        super().__init__(f"{current} -> {target}")
        self.current = current
        self.target = target


S = SellerOrderStatus
#: Each status, with the statuses it may move to (the payments feature may add moves here).
ALLOWED_MOVES: dict[SellerOrderStatus, frozenset[SellerOrderStatus]] = {
    S.AWAITING_PAYMENT: frozenset({S.NEW, S.CANCELLED}),
    S.NEW: frozenset({S.ACCEPTED, S.CANCELLED}),
    S.ACCEPTED: frozenset({S.READY, S.CANCELLED}),
    S.READY: frozenset({S.COMPLETED, S.CANCELLED}),
    #: staff only: a handed-over order whose money goes back to the buyer
    S.COMPLETED: frozenset({S.CANCELLED}),
    S.CANCELLED: frozenset(),
}

#: Statuses a seller may still cancel from herself; after accepting only staff can cancel.
SELLER_MAY_CANCEL = frozenset({S.AWAITING_PAYMENT, S.NEW})

#: Final statuses staff may still cancel from (the money then goes back to the buyer).
STAFF_MAY_CANCEL = frozenset({S.COMPLETED})

#: The one forward step a seller takes with a tap, from each status.
SELLER_NEXT_STEP: dict[SellerOrderStatus, SellerOrderStatus] = {
    S.NEW: S.ACCEPTED,
    S.ACCEPTED: S.READY,
    S.READY: S.COMPLETED,
}

#: Statuses that end a seller order.
FINAL = frozenset({S.COMPLETED, S.CANCELLED})


def check_move(current: SellerOrderStatus, target: SellerOrderStatus) -> SellerOrderStatus:
    """Return ``target`` if the move is allowed, else raise ``InvalidTransition``."""
    if target not in ALLOWED_MOVES[current]:
        raise InvalidTransition(current, target)
    return target


def check_seller_move(current: SellerOrderStatus, target: SellerOrderStatus) -> SellerOrderStatus:
    """A seller's own move: the table, and no cancelling once she has accepted."""
    check_move(current, target)
    if target == S.CANCELLED and current not in SELLER_MAY_CANCEL:
        raise InvalidTransition(current, target)
    if target == S.NEW:  # only payment (or the cash rule) releases an order
        raise InvalidTransition(current, target)
    return target


def order_status(parts: Iterable[SellerOrderStatus]) -> OrderStatus:
    """The whole order's status, derived from its seller orders."""
    statuses = list(parts)
    live = [s for s in statuses if s != S.CANCELLED]
    if not live:
        return OrderStatus.CANCELLED
    if all(s == S.COMPLETED for s in live):
        return OrderStatus.COMPLETED
    if all(s in (S.READY, S.COMPLETED) for s in live):
        return OrderStatus.READY
    if all(s == S.AWAITING_PAYMENT for s in live):
        return OrderStatus.AWAITING_PAYMENT
    return OrderStatus.IN_PROGRESS
