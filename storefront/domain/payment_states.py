"""The life of a payment: statuses and the moves allowed between them.

State only moves forward, so a repeated or late provider event is harmless:
``advance`` answers False for a move to the status already held, and for a
move backwards that an out-of-order event would ask for.
"""
from __future__ import annotations

import enum


class PaymentStatus(enum.StrEnum):
    #: started; waiting for the buyer's money (or her proof, or the cash)
    PENDING = "pending"
    #: the money arrived and was confirmed
    PAID = "paid"
    #: the provider said the payment failed, or staff rejected the proof
    FAILED = "failed"
    #: the buyer did not pay in time; the order's stock was released
    EXPIRED = "expired"
    #: money arrived after the payment had expired or failed: it must go back
    NEEDS_REFUND = "needs_refund"
    #: the whole amount went back to the buyer
    REFUNDED = "refunded"


class InvalidPaymentMove(ValueError):
    """A payment was asked to move to a status it cannot reach from where it is."""


S = PaymentStatus
#: Each status, with the statuses it may move to.
ALLOWED_MOVES: dict[PaymentStatus, frozenset[PaymentStatus]] = {
    S.PENDING: frozenset({S.PAID, S.FAILED, S.EXPIRED}),
    S.PAID: frozenset({S.REFUNDED}),
    S.FAILED: frozenset({S.NEEDS_REFUND}),
    S.EXPIRED: frozenset({S.NEEDS_REFUND}),
    S.NEEDS_REFUND: frozenset({S.REFUNDED}),
    S.REFUNDED: frozenset(),
}


def check_move(current: PaymentStatus, target: PaymentStatus) -> PaymentStatus:
    """Return ``target`` if the move is allowed, else raise ``InvalidPaymentMove``."""
    if target not in ALLOWED_MOVES[current]:
        raise InvalidPaymentMove(f"{current} -> {target}")
    return target


def late_payment_target(current: PaymentStatus) -> PaymentStatus | None:
    """Where a "money arrived" event takes a payment: paid, needs refund, or nowhere.

    ``None`` means the event changes nothing (a duplicate, or already refunded).
    """
    if current == S.PENDING:
        return S.PAID
    if current in (S.EXPIRED, S.FAILED):
        return S.NEEDS_REFUND
    return None
