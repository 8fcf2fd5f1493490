"""Ledger entries (never changed), payouts and sellers' bank accounts."""
from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storefront import clock
from storefront.accounts.models import User
from storefront.dbtypes import enum_type
from storefront.domain.ledger import EntryKind
from storefront.extensions import db
from storefront.shops.models import Shop


class LedgerEntry(db.Model):
    """One signed movement of a seller's money. Her balance is the sum of her entries."""

    __tablename__ = "ledger_entries"
    __table_args__ = (
        sa.CheckConstraint("amount <> 0", name="amount_not_zero"),
        sa.CheckConstraint(
            "(kind = 'sale' AND amount > 0) OR (kind IN ('refund', 'payout') AND amount < 0)"
            " OR kind = 'commission'", name="sign_matches_kind"),
        sa.Index("uq_ledger_entries_one_sale", "seller_order_id", unique=True,
                 sqlite_where=sa.text("kind = 'sale'"),
                 postgresql_where=sa.text("kind = 'sale'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the seller's shop whose money this is
    shop_id: Mapped[int] = mapped_column(sa.ForeignKey("shops.id"), index=True)
    #: sale, commission, refund or payout
    kind: Mapped[EntryKind] = mapped_column(enum_type(EntryKind))
    #: signed whole rupiah: + owed to her, - taken from what she is owed
    amount: Mapped[int]
    #: the seller order concerned (sales, commission and refunds)
    seller_order_id: Mapped[int | None] = mapped_column(sa.ForeignKey("seller_orders.id"),
                                                        index=True)
    #: the payout, for payout entries
    payout_id: Mapped[int | None] = mapped_column(sa.ForeignKey("payouts.id"))
    #: a short note a person reads (e.g. "5% commission")
    note: Mapped[str] = mapped_column(sa.String(200), default="")
    #: who caused it (staff for refunds and payouts; empty for automatic sales)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    #: when (UTC)
    created_at: Mapped[datetime] = mapped_column(default=clock.now, index=True)

    shop: Mapped[Shop] = relationship()


class LedgerEntryImmutable(RuntimeError):
    """Someone tried to change or delete a ledger entry."""


@sa.event.listens_for(LedgerEntry, "before_update")
@sa.event.listens_for(LedgerEntry, "before_delete")
def _refuse_change(mapper, connection, target):  # noqa: ARG001
    raise LedgerEntryImmutable(target.id)


class PayoutStatus(enum.StrEnum):
    #: recorded by staff, over the limit: waits for a second staff member
    AWAITING_APPROVAL = "awaiting_approval"
    #: the money was sent and the ledger entry written
    COMPLETED = "completed"
    #: withdrawn before it was completed
    CANCELLED = "cancelled"


class Payout(db.Model):
    """Money the programme sent to a seller's bank account."""

    __tablename__ = "payouts"
    __table_args__ = (sa.CheckConstraint("amount > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the seller's shop paid
    shop_id: Mapped[int] = mapped_column(sa.ForeignKey("shops.id"), index=True)
    #: whole rupiah sent
    amount: Mapped[int]
    #: the bank's reference for the transfer, as on the bank slip
    bank_reference: Mapped[str] = mapped_column(sa.String(120))
    #: awaiting approval, completed or cancelled
    status: Mapped[PayoutStatus] = mapped_column(enum_type(PayoutStatus))
    #: the staff member who recorded it
    requested_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    #: the second staff member who approved it (over the limit only)
    approved_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    #: when it was recorded (UTC)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    #: when it was completed (UTC)
    completed_at: Mapped[datetime | None]

    shop: Mapped[Shop] = relationship()
    requested_by: Mapped[User] = relationship(foreign_keys=[requested_by_id])
    approved_by: Mapped[User | None] = relationship(foreign_keys=[approved_by_id])


class SellerBankAccount(db.Model):
    """Where a seller's payouts go. The number is encrypted at rest (Fernet)."""

    __tablename__ = "seller_bank_accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the seller's shop; one account per shop
    shop_id: Mapped[int] = mapped_column(sa.ForeignKey("shops.id"), unique=True)
    #: the bank, e.g. "Bank NTT", "BRI"
    bank_name: Mapped[str] = mapped_column(sa.String(80))
    #: the name on the account
    holder_name: Mapped[str] = mapped_column(sa.String(120))
    #: the account number, Fernet-encrypted with BANK_ACCOUNT_KEY
    number_encrypted: Mapped[str] = mapped_column(sa.Text)
    #: the last 4 digits, for the masked display
    last4: Mapped[str] = mapped_column(sa.String(4))
    #: when it was last set (UTC)
    updated_at: Mapped[datetime] = mapped_column(default=clock.now, onupdate=clock.now)

    @property
    def masked(self) -> str:
        return f"•••• {self.last4}"
