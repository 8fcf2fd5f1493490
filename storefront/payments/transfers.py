"""Manual transfers staff can match: unique amount codes, the waiting list, statement matching.

Flushes, never commits.  The payment reference a buyer writes in the transfer's
description is her order number (e.g. PI-2612-0042).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask import current_app

from storefront.accounts.models import User
from storefront.domain.payment_states import PaymentStatus
from storefront.domain.transfer_matching import (
    NoCodeLeft,
    Suggestion,
    Waiting,
    match,
    parse_statement,
    pick_code,
)
from storefront.extensions import db
from storefront.orders.models import Order
from storefront.payments import services
from storefront.payments.models import Payment, PaymentMethod

#: At most this many transfers are listed or matched at once.
LIMIT = 500


@dataclass(frozen=True)
class WaitingTransfer:
    """One row of staff's list: who, how much exactly, which reference, which receipt, when."""

    payment: Payment
    buyer_name: str
    reference: str
    order_token: str
    #: when the order was placed (UTC)
    placed_at: datetime


def unique_code_for(method: PaymentMethod) -> int:
    """Rp 1-999 to add to a transfer when ``TRANSFER_UNIQUE_CODE`` is on; else 0."""
    if method != PaymentMethod.BANK_TRANSFER or not current_app.config.get("TRANSFER_UNIQUE_CODE"):
        return 0
    taken = set(db.session.scalars(sa.select(Payment.unique_code).where(
        Payment.method == PaymentMethod.BANK_TRANSFER, Payment.status == PaymentStatus.PENDING,
        Payment.unique_code > 0)))
    try:
        return pick_code(taken)
    except NoCodeLeft:
        return 0


def waiting() -> list[WaitingTransfer]:
    """Transfers still waiting for money, receipts first, oldest first."""
    rows = db.session.execute(
        sa.select(Payment, Order.buyer_name, Order.number, Order.token, Order.created_at)
        .join(Order, Order.id == Payment.order_id)
        .where(Payment.method == PaymentMethod.BANK_TRANSFER,
               Payment.status == PaymentStatus.PENDING)
        .order_by(Payment.proof_uploaded_at.is_(None), Payment.proof_uploaded_at, Payment.id)
        .limit(LIMIT)).all()
    return [WaitingTransfer(p, name, number, token, placed) for p, name, number, token, placed
            in rows]


def suggest(statement: str) -> list[tuple[Suggestion, WaitingTransfer]]:
    """The pasted statement's lines that look like a waiting transfer's money."""
    open_ = {row.payment.id: row for row in waiting()}
    found = match(parse_statement(statement),
                  [Waiting(r.payment.id, r.reference, r.payment.amount) for r in open_.values()])
    return [(s, open_[s.payment_id]) for s in found]


def confirm_many(payment_ids: list[int], staff: User) -> int:
    """Confirm every chosen transfer; returns how many changed (others were already handled)."""
    changed = 0
    for payment_id in sorted(set(payment_ids))[:LIMIT]:
        payment = db.session.get(Payment, payment_id)
        if payment is not None and payment.method == PaymentMethod.BANK_TRANSFER:
            changed += services.confirm_transfer(payment, staff)
    return changed
