"""Open, list and settle refund obligations; refund a payment by hand. Flushes, never commits.

Any cancellation of a part whose money the programme (or its seller, for cash she took)
holds opens exactly one obligation for that part, whoever or whatever cancelled it. The
part's sale and commission leave the seller's ledger at that moment, so her balance never
counts money that goes back. Staff then send the money back from one queue.
"""
from __future__ import annotations

import sqlalchemy as sa
from flask import has_request_context, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from storefront import clock
from storefront.accounts.models import Role, User
from storefront.audit.services import record
from storefront.domain.money import format_rupiah
from storefront.domain.order_states import SellerOrderStatus
from storefront.domain.payment_states import PaymentStatus
from storefront.extensions import db
from storefront.ledger import services as ledger
from storefront.notifications.services import notify
from storefront.orders.models import SellerOrder
from storefront.payments import services as payments
from storefront.payments.models import Payment, PaymentMethod, PaymentRefund
from storefront.payments.providers import provider_for
from storefront.refunds.models import ObligationStatus, RefundObligation

#: Payment statuses in which the programme holds the buyer's money.
MONEY_IN = frozenset({PaymentStatus.PAID, PaymentStatus.NEEDS_REFUND})


class AlreadyRefunded(ValueError):
    """Someone sent this money back already."""


class ReferenceRequired(ValueError):
    """A refund made by hand needs the bank or receipt reference."""


def money_held(part: SellerOrder, payment: Payment | None) -> bool:
    """Does the programme (or her seller) hold the buyer's money for ``part``?"""
    if part.order.payment_method == PaymentMethod.CASH:
        return part.cash_held_by is not None and payment is not None
    return payment is not None and payment.status in MONEY_IN


def obligation_of(part_id: int) -> RefundObligation | None:
    return db.session.scalar(sa.select(RefundObligation)
                             .where(RefundObligation.seller_order_id == part_id))


def open_for_part(part: SellerOrder, actor: User | None, reason: str, *,
                  tell_staff: bool = True) -> RefundObligation | None:
    """A cancelled part: if its money is held, owe it back, once. None when nothing is owed."""
    payment = payments.latest_for_order(part.order_id)
    if not money_held(part, payment) or obligation_of(part.id) is not None:
        return None
    amount = min(part.total, payment.refundable)
    if amount <= 0:
        return None
    obligation = RefundObligation(seller_order_id=part.id, payment_id=payment.id, amount=amount,
                                  reason=reason or part.cancel_reason)
    try:
        with db.session.begin_nested():
            db.session.add(obligation)
    except IntegrityError:  # opened at the same moment by the other side of a race
        return None
    left = ledger.refundable(part.id)
    if left > 0:
        ledger.record_refund(part.shop_id, part.id, left, actor, reason)
    record(actor, "refund.owed", shop_id=part.shop_id, subject=part.order.number, reason=reason)
    with force_locale("id"):
        text = _("Order %(number)s: %(shop)s's part was cancelled after it was paid. "
                 "Return %(amount)s to the buyer.", number=part.order.number,
                 shop=part.shop.name, amount=format_rupiah(amount))
    if tell_staff:
        _tell_staff(text)
    db.session.flush()
    return obligation


def open_for_cancelled(order_id: int, *, tell_staff: bool = True) -> int:
    """Money arrived for an order (late or in a race): owe back every cancelled part."""
    from_db = db.session.scalars(sa.select(SellerOrder).where(
        SellerOrder.order_id == order_id, SellerOrder.status == SellerOrderStatus.CANCELLED)
        .order_by(SellerOrder.id).execution_options(populate_existing=True))
    return sum(open_for_part(part, None, part.cancel_reason, tell_staff=tell_staff) is not None
               for part in from_db)


def _tell_staff(text: str) -> None:
    link = url_for("staff_refunds.queue") if has_request_context() else ""
    for staff in db.session.scalars(sa.select(User).where(User.role == Role.STAFF)):
        notify(staff, text, link=link)


def open_obligations() -> list[RefundObligation]:
    return list(db.session.scalars(sa.select(RefundObligation)
                                   .where(RefundObligation.status == ObligationStatus.OPEN)
                                   .order_by(RefundObligation.id)))


def sent_by_provider(payment: Payment) -> bool:
    """True when the payment's provider sends the money back (card, Xendit QRIS and e-wallets);
    otherwise staff send it by hand and record the bank or receipt reference."""
    return provider_for(payment.method, require_enabled=False).refunds_itself


def settle(obligation: RefundObligation, staff: User, reference: str = "") -> RefundObligation:
    """Send the money back: through the provider for card, by hand (with a reference) otherwise.

    A conditional UPDATE decides who settles it; the loser gets ``AlreadyRefunded``.
    Raises ``ProviderError`` when the payment service refuses (the caller rolls back).
    """
    reference = (reference or "").strip()[:120]
    payment = obligation.payment
    if not reference and not sent_by_provider(payment):
        raise ReferenceRequired(obligation.id)
    won = db.session.execute(
        sa.update(RefundObligation).where(RefundObligation.id == obligation.id,
                                          RefundObligation.status == ObligationStatus.OPEN)
        .values(status=ObligationStatus.REFUNDED, reference=reference, resolved_by_id=staff.id,
                resolved_at=clock.now())
        .execution_options(synchronize_session=False)).rowcount == 1
    db.session.refresh(obligation)
    if not won:
        raise AlreadyRefunded(obligation.id)
    db.session.refresh(payment)
    if payment.status in MONEY_IN:
        row = payments.refund(payment, obligation.amount, staff, reference or obligation.reason)
        obligation.refund_id = row.id
    record(staff, "refund.sent", shop_id=obligation.part.shop_id,
           subject=obligation.part.order.number, reason=reference)
    db.session.flush()
    return obligation


def refund_payment(payment: Payment, amount: int, staff: User, reason: str) -> PaymentRefund:
    """Staff return part of a payment by hand: the ledger follows, in proportion.

    The sales of the order's live, handed-over parts go back in proportion to what is left
    of each (the last one takes the rounding), each with its commission.
    """
    row = payments.refund(payment, amount, staff, reason)
    parts = db.session.scalars(sa.select(SellerOrder).where(SellerOrder.order_id == payment.order_id)
                               .order_by(SellerOrder.id)).all()
    left = {part.id: ledger.refundable(part.id) for part in parts}
    base = sum(left.values())
    to_spread = min(amount, base)
    spread = 0
    with_sale = [part for part in parts if left[part.id] > 0]
    for n, part in enumerate(with_sale, start=1):
        share = to_spread - spread if n == len(with_sale) else to_spread * left[part.id] // base
        share = min(share, left[part.id])
        if share > 0:
            ledger.record_refund(part.shop_id, part.id, share, staff, reason)
            spread += share
    db.session.flush()
    return row
