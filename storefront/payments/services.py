"""Start, confirm, expire and refund payments. Flushes, never commits.

Every change of status goes through ``_move``, which locks the row, obeys the
table in ``domain.payment_states`` and calls the matching hook exactly once.
"""
from __future__ import annotations

import logging

import sqlalchemy as sa

from storefront import clock
from storefront.accounts.models import User
from storefront.audit.services import record
from storefront.domain.payment_states import PaymentStatus, check_move, late_payment_target
from storefront.extensions import db
from storefront.payments import hooks
from storefront.payments.models import Payment, PaymentMethod, PaymentRefund
from storefront.payments.providers import Charge, provider_for

log = logging.getLogger(__name__)

S = PaymentStatus
_HOOKS = {S.PAID: hooks.on_paid, S.EXPIRED: hooks.on_expired, S.FAILED: hooks.on_failed,
          S.NEEDS_REFUND: hooks.on_needs_refund}


class PaymentNotOpen(ValueError):
    """The payment is not waiting for money (already paid, expired, or another method)."""


class RefundTooLarge(ValueError):
    """More than what is left of the payment, or a payment with no money in."""


def start_payment(order_id: int, amount: int, method: PaymentMethod, *, description: str,
                  success_url: str = "", cancel_url: str = "", channel: str = "",
                  phone: str = "", unique_code: int = 0) -> Payment:
    """A new attempt at paying ``order_id``; card attempts get a Checkout Session, QRIS,
    VA and e-wallet attempts a Xendit payment request (``channel``: "QRIS", bank or wallet).

    ``unique_code`` (transfers) is added to ``amount``. Raises ``MethodNotEnabled``,
    ``AmountTooSmall`` or ``ProviderError``.
    """
    provider = provider_for(method)
    last = db.session.scalar(sa.select(sa.func.max(Payment.attempt))
                             .where(Payment.order_id == order_id)) or 0
    amount += unique_code
    payment = Payment(order_id=order_id, attempt=last + 1, method=method, amount=amount,
                      channel=channel, unique_code=unique_code)
    started = provider.start(Charge(order_id, payment.attempt, amount, description,
                                    success_url, cancel_url, channel, phone))
    payment.provider_ref = started.provider_ref
    payment.redirect_url = started.redirect_url
    payment.expires_at = started.expires_at
    payment.pay_code = started.pay_code
    db.session.add(payment)
    db.session.flush()
    return payment


def _locked(payment: Payment) -> Payment:
    """Re-read the row under a lock (PostgreSQL) before a refund changes its amounts."""
    return db.session.scalars(
        sa.select(Payment).where(Payment.id == payment.id).with_for_update()
        .execution_options(populate_existing=True)).one()


def _move(payment: Payment, sources: frozenset[PaymentStatus], target: PaymentStatus,
          **values) -> bool:
    """Move the payment to ``target`` if it is still in one of ``sources``.

    A conditional UPDATE whose row count is checked: when the expiry job and a late
    "paid" webhook race, exactly one of them changes the row (PostgreSQL re-checks the
    WHERE after waiting for the other's lock; SQLite runs one writer at a time), and only
    that one calls the hook.
    """
    for source in sources:
        check_move(source, target)
    if target == S.PAID:
        values["paid_at"] = clock.now()
    result = db.session.execute(
        sa.update(Payment).where(Payment.id == payment.id, Payment.status.in_(sources))
        .values(status=target, updated_at=clock.now(), **values)
        .execution_options(synchronize_session=False))
    db.session.refresh(payment)
    if result.rowcount != 1:
        return False
    _HOOKS[target](payment.order_id)
    return True


def mark_paid(payment: Payment, *, payment_intent_id: str | None = None,
              actor: User | None = None, amount: int | None = None) -> bool:
    """Money arrived: pending → paid, or expired/failed → needs refund. False if nothing changed.

    ``amount`` replaces the amount due when less came in on purpose (cash of cancelled
    parts that was never collected).
    """
    values = {}
    if amount is not None:
        values["amount"] = amount
    if payment_intent_id:
        values["payment_intent_id"] = sa.func.coalesce(Payment.payment_intent_id, payment_intent_id)
    if actor is not None:
        values["confirmed_by_id"] = actor.id
    for target, sources in _money_arrived_moves().items():
        if _move(payment, sources, target, **values):
            if target == S.NEEDS_REFUND:
                log.warning("late payment for order %s: flagged for refund", payment.order_id)
            return True
    return False


def _money_arrived_moves() -> dict[PaymentStatus, frozenset[PaymentStatus]]:
    """``late_payment_target`` as moves: each target with the statuses it comes from, pending's
    first, so a payment that expires while we wait for its row lock is still flagged for refund."""
    moves: dict[PaymentStatus, frozenset[PaymentStatus]] = {}
    for status in PaymentStatus:  # pending is declared first
        target = late_payment_target(status)
        if target is not None:
            moves[target] = moves.get(target, frozenset()) | {status}
    return moves


def mark_expired(payment: Payment) -> bool:
    """The buyer did not pay in time: pending → expired."""
    return _move(payment, frozenset({S.PENDING}), S.EXPIRED)


def mark_failed(payment: Payment) -> bool:
    """The provider refused the money: pending → failed."""
    return _move(payment, frozenset({S.PENDING}), S.FAILED)


def expire_due(now=None) -> int:
    """Expire every pending payment past its deadline; returns how many changed.

    A card session is expired at Stripe first; if Stripe says it was paid after
    all, the payment is marked paid instead (never both). Run by
    ``flask payments expire``, never inside a request.
    """
    now = now or clock.now()
    due = db.session.scalars(sa.select(Payment).where(
        Payment.status == S.PENDING, Payment.expires_at.is_not(None),
        Payment.expires_at <= now).order_by(Payment.id)).all()
    changed = 0
    for payment in due:
        outcome = provider_for(payment.method, require_enabled=False).cancel(payment.provider_ref)
        if outcome.state == "paid":
            changed += mark_paid(payment, payment_intent_id=outcome.payment_intent_id)
        elif outcome.state == "expired":
            changed += mark_expired(payment)
    return changed


# --- bank transfer / QRIS and cash -------------------------------------------------------

def attach_proof(payment: Payment, key: str) -> Payment:
    """Keep the key of the buyer's proof photo (already validated and stored)."""
    if payment.method != PaymentMethod.BANK_TRANSFER or payment.status != S.PENDING:
        raise PaymentNotOpen(payment.id)
    payment.proof_key = key
    payment.proof_uploaded_at = clock.now()
    payment.reject_reason = ""
    db.session.flush()
    return payment


def confirm_transfer(payment: Payment, staff: User) -> bool:
    """Staff saw the money in the programme's account."""
    if payment.method != PaymentMethod.BANK_TRANSFER:
        raise PaymentNotOpen(payment.id)
    changed = mark_paid(payment, actor=staff)
    if changed:
        record(staff, "payment.confirm", subject=f"payment:{payment.id}")
    return changed


def reject_proof(payment: Payment, staff: User, reason: str) -> Payment:
    """The proof does not show the money: the buyer may upload another until the deadline."""
    if payment.method != PaymentMethod.BANK_TRANSFER or payment.status != S.PENDING:
        raise PaymentNotOpen(payment.id)
    payment.proof_key = None
    payment.proof_uploaded_at = None
    payment.reject_reason = reason
    record(staff, "payment.reject_proof", subject=f"payment:{payment.id}", reason=reason)
    db.session.flush()
    return payment


def confirm_cash(payment: Payment, actor: User, amount: int | None = None) -> bool:
    """Every live part's cash was collected (``amount`` in all), at pickup or delivery."""
    if payment.method != PaymentMethod.CASH:
        raise PaymentNotOpen(payment.id)
    changed = mark_paid(payment, actor=actor, amount=amount)
    if changed:
        record(actor, "payment.cash_received", subject=f"payment:{payment.id}")
    return changed


# --- refunds -------------------------------------------------------------------------------

def refund(payment: Payment, amount: int, actor: User | None, reason: str = "") -> PaymentRefund:
    """Send ``amount`` back: through Stripe for card, recorded as manual otherwise."""
    payment = _locked(payment)
    if payment.status not in (S.PAID, S.NEEDS_REFUND) or not 0 < amount <= payment.refundable:
        raise RefundTooLarge(f"{amount} of {payment.refundable}")
    n = len(payment.refunds) + 1
    done = provider_for(payment.method, require_enabled=False).refund(
        payment.provider_ref, payment.payment_intent_id, amount,
        key=f"pasar-ibu-refund-{payment.id}-{n}")
    row = PaymentRefund(payment_id=payment.id, amount=amount, provider_ref=done.provider_ref,
                        manual=done.manual, reason=reason,
                        created_by_id=actor.id if actor else None)
    db.session.add(row)
    payment.refunded_amount += amount
    if payment.refunded_amount == payment.amount:
        payment.status = S.REFUNDED
    record(actor, "payment.refund_manual" if done.manual else "payment.refund",
           subject=f"payment:{payment.id}", reason=reason)
    db.session.flush()
    return row


def by_token(token: str) -> Payment | None:
    return db.session.scalar(sa.select(Payment).where(Payment.token == token))


def by_provider_ref(ref: str) -> Payment | None:
    return db.session.scalar(sa.select(Payment).where(Payment.provider_ref == ref))


def latest_for_order(order_id: int) -> Payment | None:
    """The order's most recent payment attempt, if any."""
    return db.session.scalar(sa.select(Payment).where(Payment.order_id == order_id)
                             .order_by(Payment.attempt.desc()).limit(1))
