"""Payments, their refunds, and the Stripe and Xendit events already handled."""
from __future__ import annotations

import enum
import secrets
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storefront import clock
from storefront.accounts.models import User
from storefront.dbtypes import enum_type
from storefront.domain.payment_states import PaymentStatus
from storefront.extensions import db


class PaymentMethod(enum.StrEnum):
    #: card, through a hosted Stripe Checkout Session
    CARD = "card"
    #: bank transfer or QRIS to the programme's account, with a proof photo
    BANK_TRANSFER = "bank_transfer"
    #: cash at pickup or delivery, confirmed by the seller
    CASH = "cash"
    #: a dynamic QRIS for the exact amount, through Xendit
    QRIS = "qris"
    #: a virtual account at the bank the buyer picks, through Xendit
    VA = "va"
    #: OVO, DANA, ShopeePay or LinkAja, through Xendit
    EWALLET = "ewallet"


class Payment(db.Model):
    """One attempt to pay for one order."""

    __tablename__ = "payments"
    __table_args__ = (
        sa.UniqueConstraint("order_id", "attempt", name="uq_payments_order_attempt"),
        sa.CheckConstraint("amount > 0", name="amount_positive"),
        sa.CheckConstraint("refunded_amount >= 0 AND refunded_amount <= amount",
                           name="refund_within_amount"),
        sa.CheckConstraint("attempt >= 1", name="attempt_positive"),
        sa.CheckConstraint("unique_code >= 0 AND unique_code <= 999", name="unique_code_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the order paid for
    order_id: Mapped[int] = mapped_column(sa.ForeignKey("orders.id"), index=True)
    #: 1 for the first try; a new attempt (e.g. after an expired card session) adds one
    attempt: Mapped[int] = mapped_column(default=1)
    #: how the buyer pays
    method: Mapped[PaymentMethod] = mapped_column(enum_type(PaymentMethod))
    #: where the payment stands (see domain.payment_states)
    status: Mapped[PaymentStatus] = mapped_column(enum_type(PaymentStatus),
                                                  default=PaymentStatus.PENDING, index=True)
    #: the exact amount to pay, whole rupiah
    amount: Mapped[int]
    #: how much went back to the buyer so far, whole rupiah
    refunded_amount: Mapped[int] = mapped_column(default=0)
    #: unguessable part of the buyer's payment page address (/bayar/<token>)
    token: Mapped[str] = mapped_column(sa.String(32), unique=True,
                                       default=lambda: secrets.token_urlsafe(16))
    #: the provider's id: the Checkout Session id (cs_…) for card
    provider_ref: Mapped[str | None] = mapped_column(sa.String(255), unique=True)
    #: Stripe's PaymentIntent id (pi_…), known once the session is paid; refunds use it
    payment_intent_id: Mapped[str | None] = mapped_column(sa.String(255))
    #: where to send the buyer to pay (the hosted Checkout page), if anywhere
    redirect_url: Mapped[str] = mapped_column(sa.Text, default="")
    #: when an unpaid payment stops being payable (UTC)
    expires_at: Mapped[datetime | None]
    #: storage key of the buyer's proof-of-payment photo (transfer/QRIS)
    proof_key: Mapped[str | None] = mapped_column(sa.String(120))
    #: when she uploaded it (UTC)
    proof_uploaded_at: Mapped[datetime | None]
    #: the staff member or seller who confirmed (or rejected) the money
    confirmed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    #: when the money was confirmed paid (UTC)
    paid_at: Mapped[datetime | None]
    #: why staff rejected the proof, shown to the buyer
    reject_reason: Mapped[str] = mapped_column(sa.Text, default="")
    #: when the payment was started (UTC)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    #: when it last changed (UTC)
    updated_at: Mapped[datetime] = mapped_column(default=clock.now, onupdate=clock.now)
    #: the gateway channel the buyer chose: "QRIS", a bank ("BRI") or an e-wallet ("OVO")
    channel: Mapped[str] = mapped_column(sa.String(24), default="", server_default="")
    #: what the buyer pays with: the QRIS string, or the virtual account number
    pay_code: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    #: Rp 1-999 added to a transfer's amount so staff can tell it apart; 0 when off
    unique_code: Mapped[int] = mapped_column(default=0, server_default="0")

    confirmed_by: Mapped[User | None] = relationship()
    refunds: Mapped[list[PaymentRefund]] = relationship(back_populates="payment",
                                                        order_by="PaymentRefund.id")

    @property
    def refundable(self) -> int:
        return self.amount - self.refunded_amount


class PaymentRefund(db.Model):
    """Money sent back to the buyer: through the provider, or by hand for transfer and cash."""

    __tablename__ = "payment_refunds"
    __table_args__ = (sa.CheckConstraint("amount > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the payment refunded
    payment_id: Mapped[int] = mapped_column(sa.ForeignKey("payments.id"), index=True)
    #: how much, whole rupiah
    amount: Mapped[int]
    #: the provider's refund id (re_…); empty for a manual refund
    provider_ref: Mapped[str] = mapped_column(sa.String(255), default="")
    #: true when staff returned the money by hand (transfer or cash)
    manual: Mapped[bool] = mapped_column(default=False)
    #: why, in staff's words
    reason: Mapped[str] = mapped_column(sa.Text, default="")
    #: the staff member who refunded
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    #: when (UTC)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    payment: Mapped[Payment] = relationship(back_populates="refunds")


class StripeEvent(db.Model):
    """A Stripe webhook event already received; its id is stored once."""

    __tablename__ = "stripe_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stripe's event id (evt_…); UNIQUE, so a repeat cannot be handled twice
    event_id: Mapped[str] = mapped_column(sa.String(255), unique=True)
    #: the event type, e.g. "checkout.session.completed"
    type: Mapped[str] = mapped_column(sa.String(120))
    #: the payment it concerned, if we knew it
    payment_id: Mapped[int | None] = mapped_column(sa.ForeignKey("payments.id"))
    #: when we received it (UTC)
    received_at: Mapped[datetime] = mapped_column(default=clock.now)


class XenditEvent(db.Model):
    """A Xendit callback already acted on; its id is stored once."""

    __tablename__ = "xendit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the callback's id (its ``webhook-id``, else event and payment id); UNIQUE
    event_id: Mapped[str] = mapped_column(sa.String(255), unique=True)
    #: the event, e.g. "payment.succeeded"
    type: Mapped[str] = mapped_column(sa.String(120))
    #: the payment it concerned
    payment_id: Mapped[int | None] = mapped_column(sa.ForeignKey("payments.id"))
    #: when we received it (UTC)
    received_at: Mapped[datetime] = mapped_column(default=clock.now)
