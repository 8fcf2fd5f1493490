"""Write the ledger, record and approve payouts, keep bank accounts. Flushes, never commits."""
from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from storefront import clock
from storefront.accounts.models import User
from storefront.audit.services import record
from storefront.domain import ledger as rules
from storefront.domain.ledger import EntryKind
from storefront.domain.money import format_rupiah
from storefront.extensions import db
from storefront.ledger import crypto
from storefront.ledger.models import LedgerEntry, Payout, PayoutStatus, SellerBankAccount
from storefront.notifications.services import notify
from storefront.shops.models import Shop

#: The permission that shows a seller's whole bank account number.
FINANCE = "finance"


class PayoutNotAwaiting(rules.LedgerError):
    """Only a payout that waits for approval can be approved or cancelled."""


class NotFinanceStaff(PermissionError):
    """Only staff with the finance permission see a whole account number."""


def commission_rate() -> Decimal:
    return rules.parse_rate(current_app.config.get("COMMISSION_RATE", "0"))


def _lock_shop(shop_id: int) -> Shop:
    """Serialise money moves of one shop (a row lock on PostgreSQL)."""
    return db.session.scalars(sa.select(Shop).where(Shop.id == shop_id).with_for_update()).one()


def balance(shop_id: int) -> int:
    """What the programme owes her now: the sum of her entries."""
    total = db.session.scalar(sa.select(sa.func.coalesce(sa.func.sum(LedgerEntry.amount), 0))
                              .where(LedgerEntry.shop_id == shop_id))
    return int(total)


def awaiting_total(shop_id: int, *, excluding: int | None = None) -> int:
    query = sa.select(sa.func.coalesce(sa.func.sum(Payout.amount), 0)).where(
        Payout.shop_id == shop_id, Payout.status == PayoutStatus.AWAITING_APPROVAL)
    if excluding is not None:
        query = query.where(Payout.id != excluding)
    return int(db.session.scalar(query))


def available(shop_id: int, *, excluding: int | None = None) -> int:
    """Her balance less payouts already recorded and waiting for approval."""
    return balance(shop_id) - awaiting_total(shop_id, excluding=excluding)


def entries(shop_id: int) -> list[LedgerEntry]:
    return list(db.session.scalars(sa.select(LedgerEntry).where(LedgerEntry.shop_id == shop_id)
                                   .order_by(LedgerEntry.id)))


def _add(shop_id: int, kind: EntryKind, amount: int, *, seller_order_id: int | None = None,
         payout_id: int | None = None, note: str = "", actor: User | None = None) -> LedgerEntry:
    entry = LedgerEntry(shop_id=shop_id, kind=kind, amount=amount, seller_order_id=seller_order_id,
                        payout_id=payout_id, note=note, created_by_id=actor.id if actor else None)
    db.session.add(entry)
    return entry


def _order_sums(seller_order_id: int) -> dict[EntryKind, int]:
    rows = db.session.execute(sa.select(LedgerEntry.kind, sa.func.sum(LedgerEntry.amount))
                              .where(LedgerEntry.seller_order_id == seller_order_id)
                              .group_by(LedgerEntry.kind)).all()
    return {EntryKind(kind): int(total) for kind, total in rows}


def _sale_entry(seller_order_id: int) -> LedgerEntry | None:
    return db.session.scalar(sa.select(LedgerEntry).where(
        LedgerEntry.seller_order_id == seller_order_id, LedgerEntry.kind == EntryKind.SALE))


def record_sale(shop_id: int, seller_order_id: int, amount: int,
                note: str = "") -> list[LedgerEntry]:
    """A seller order was completed: her sale, less the programme's commission.

    Once per seller order: raises ``SaleAlreadyRecorded`` on a second call.
    """
    rules.check_amount(amount)
    _lock_shop(shop_id)
    if _sale_entry(seller_order_id) is not None:
        raise rules.SaleAlreadyRecorded(str(seller_order_id))
    rate = commission_rate()
    made = [_add(shop_id, EntryKind.SALE, amount, seller_order_id=seller_order_id, note=note)]
    commission = rules.commission_for(amount, rate)
    if commission:
        made.append(_add(shop_id, EntryKind.COMMISSION, -commission,
                         seller_order_id=seller_order_id, note=f"{rate * 100:g}%"))
    db.session.flush()
    return made


def record_cash_kept(shop_id: int, seller_order_id: int, amount: int) -> LedgerEntry:
    """She took the buyer's cash herself at handover: that money counts as paid to her."""
    rules.check_amount(amount)
    _lock_shop(shop_id)
    entry = _add(shop_id, EntryKind.PAYOUT, -amount, seller_order_id=seller_order_id,
                 note="cash")
    db.session.flush()
    return entry


def record_refund(shop_id: int, seller_order_id: int, amount: int, actor: User | None = None,
                  reason: str = "") -> list[LedgerEntry]:
    """Money of a completed seller order went back to the buyer; commission follows it back."""
    rules.check_amount(amount)
    _lock_shop(shop_id)
    sale = _sale_entry(seller_order_id)
    if sale is None or sale.shop_id != shop_id:
        raise rules.RefundExceedsSale(f"no sale for seller order {seller_order_id}")
    sums = _order_sums(seller_order_id)
    refunded = -sums.get(EntryKind.REFUND, 0)
    rules.check_refund(amount, sale.amount, refunded)
    held = -sums.get(EntryKind.COMMISSION, 0)
    first = db.session.scalar(sa.select(LedgerEntry.amount).where(
        LedgerEntry.seller_order_id == seller_order_id,
        LedgerEntry.kind == EntryKind.COMMISSION).order_by(LedgerEntry.id).limit(1))
    original = -first if first is not None else 0
    kept = rules.commission_kept(original, sale.amount, sale.amount - refunded - amount)
    made = [_add(shop_id, EntryKind.REFUND, -amount, seller_order_id=seller_order_id,
                 note=reason[:200], actor=actor)]
    if held - kept > 0:
        made.append(_add(shop_id, EntryKind.COMMISSION, held - kept,
                         seller_order_id=seller_order_id, note="refund", actor=actor))
    db.session.flush()
    return made


def refundable(seller_order_id: int) -> int:
    """What is left of a completed seller order's sale to refund."""
    sale = _sale_entry(seller_order_id)
    if sale is None:
        return 0
    return sale.amount + _order_sums(seller_order_id).get(EntryKind.REFUND, 0)


def _complete(payout: Payout, actor: User) -> None:
    payout.status = PayoutStatus.COMPLETED
    payout.completed_at = clock.now()
    _add(payout.shop_id, EntryKind.PAYOUT, -payout.amount, payout_id=payout.id,
         note=payout.bank_reference[:200], actor=actor)
    record(actor, "payout.complete", shop_id=payout.shop_id, subject=f"payout:{payout.id}")
    shop = db.session.get(Shop, payout.shop_id)
    with force_locale("id"):  # sellers read Indonesian; staff may be using English
        text = _("Pasar Ibu sent %(amount)s to your bank account.",
                 amount=format_rupiah(payout.amount))
    notify(shop.owner, text)


def require_finance(user: User) -> None:
    """Money out of the programme and where it goes are for finance staff only."""
    if not (user.is_staff and user.has_permission(FINANCE)):
        raise NotFinanceStaff(str(user.id))


def request_payout(shop_id: int, amount: int, bank_reference: str, staff: User) -> Payout:
    """Finance staff record money sent to her. Over ``PAYOUT_APPROVAL_LIMIT`` it waits for a
    second staff member; otherwise it completes at once. Raises ``PayoutExceedsBalance``,
    ``NotFinanceStaff``."""
    require_finance(staff)
    _lock_shop(shop_id)
    rules.check_payout(amount, available(shop_id))
    limit = int(current_app.config.get("PAYOUT_APPROVAL_LIMIT", 0))
    payout = Payout(shop_id=shop_id, amount=amount, bank_reference=bank_reference.strip(),
                    status=PayoutStatus.AWAITING_APPROVAL, requested_by_id=staff.id)
    db.session.add(payout)
    db.session.flush()
    record(staff, "payout.request", shop_id=shop_id, subject=f"payout:{payout.id}")
    if not rules.needs_second_approval(amount, limit):
        _complete(payout, staff)
    db.session.flush()
    return payout


def approve_payout(payout: Payout, staff: User) -> Payout:
    """A second finance staff member approves (and so completes) a payout over the limit."""
    require_finance(staff)
    _lock_shop(payout.shop_id)
    db.session.refresh(payout)
    if payout.status != PayoutStatus.AWAITING_APPROVAL:
        raise PayoutNotAwaiting(str(payout.id))
    rules.check_approver(payout.requested_by_id, staff.id)
    rules.check_payout(payout.amount, available(payout.shop_id, excluding=payout.id))
    payout.approved_by_id = staff.id
    _complete(payout, staff)
    db.session.flush()
    return payout


def cancel_payout(payout: Payout, staff: User, reason: str = "") -> Payout:
    """Withdraw a payout that waits for approval (a conditional UPDATE: one winner)."""
    require_finance(staff)
    moved = db.session.execute(
        sa.update(Payout).where(Payout.id == payout.id,
                                Payout.status == PayoutStatus.AWAITING_APPROVAL)
        .values(status=PayoutStatus.CANCELLED).execution_options(synchronize_session=False))
    db.session.refresh(payout)
    if moved.rowcount != 1:
        raise PayoutNotAwaiting(str(payout.id))
    record(staff, "payout.cancel", shop_id=payout.shop_id, subject=f"payout:{payout.id}",
           reason=reason)
    db.session.flush()
    return payout


# --- bank accounts ---------------------------------------------------------------------------

def bank_account(shop_id: int) -> SellerBankAccount | None:
    return db.session.scalar(sa.select(SellerBankAccount).where(SellerBankAccount.shop_id == shop_id))


def set_bank_account(shop_id: int, bank_name: str, holder_name: str, number: str,
                     staff: User) -> SellerBankAccount:
    """Finance staff keep her account, the number encrypted; she is told in her messages.

    Raises ``NotFinanceStaff``, or ``BankKeyMissing`` without a key.
    """
    require_finance(staff)
    digits = "".join(ch for ch in number if ch.isdigit())
    account = bank_account(shop_id) or SellerBankAccount(shop_id=shop_id)
    account.bank_name = bank_name.strip()
    account.holder_name = holder_name.strip()
    account.number_encrypted = crypto.encrypt(digits)
    account.last4 = digits[-4:]
    db.session.add(account)
    record(staff, "bank_account.set", shop_id=shop_id, subject=f"last4:{account.last4}")
    shop = db.session.get(Shop, shop_id)
    with force_locale("id"):
        text = _("Your bank account for payouts was changed to %(bank)s %(masked)s. "
                 "If you did not ask for this, tell the programme staff at once.",
                 bank=account.bank_name, masked=account.masked)
    notify(shop.owner, text)
    db.session.flush()
    return account


def full_number(account: SellerBankAccount, user: User) -> str:
    """The whole number, only for staff with the finance permission."""
    if not (user.is_staff and user.has_permission(FINANCE)):
        raise NotFinanceStaff(str(user.id))
    return crypto.decrypt(account.number_encrypted)
