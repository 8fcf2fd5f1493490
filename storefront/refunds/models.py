"""What the programme owes buyers back: one refund obligation per cancelled, paid part."""
from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storefront import clock
from storefront.dbtypes import enum_type
from storefront.extensions import db
from storefront.orders.models import SellerOrder
from storefront.payments.models import Payment


class ObligationStatus(enum.StrEnum):
    #: the money is still with the programme (or the seller): staff must send it back
    OPEN = "open"
    #: the money went back (through the provider, or by hand with a reference)
    REFUNDED = "refunded"


class RefundObligation(db.Model):
    """A cancelled part whose money the programme holds; exactly one per part."""

    __tablename__ = "refund_obligations"
    __table_args__ = (sa.CheckConstraint("amount > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the cancelled seller order; UNIQUE, so a race cannot open two
    seller_order_id: Mapped[int] = mapped_column(sa.ForeignKey("seller_orders.id"), unique=True)
    #: the payment that holds the money
    payment_id: Mapped[int] = mapped_column(sa.ForeignKey("payments.id"), index=True)
    #: whole rupiah owed back
    amount: Mapped[int]
    #: open, or refunded
    status: Mapped[ObligationStatus] = mapped_column(
        enum_type(ObligationStatus), default=ObligationStatus.OPEN, index=True)
    #: why the part was cancelled, as the buyer read it
    reason: Mapped[str] = mapped_column(sa.Text, default="")
    #: the bank or receipt reference of a refund made by hand
    reference: Mapped[str] = mapped_column(sa.String(120), default="")
    #: the refund row written when the money went back
    refund_id: Mapped[int | None] = mapped_column(sa.ForeignKey("payment_refunds.id"))
    #: the staff member who sent the money back
    resolved_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    #: when the obligation was opened (UTC)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    #: when the money went back (UTC)
    resolved_at: Mapped[datetime | None]

    part: Mapped[SellerOrder] = relationship()
    payment: Mapped[Payment] = relationship()
