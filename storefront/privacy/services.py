"""Removing buyers' personal data and exporting a seller's own. Flushes, never commits.

Amounts, order lines and the ledger stay untouched, so sellers' earnings and the
programme's reports still add up after a buyer's data is gone.
"""
from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from storefront import clock
from storefront.accounts.models import Role, User
from storefront.accounts.services import find_by_login
from storefront.audit.services import record
from storefront.domain.order_states import FINAL
from storefront.extensions import db
from storefront.orders.models import Order, SellerOrder, SellerOrderEvent
from storefront.payments.models import Payment
from storefront.payments.proofs import delete_proof

#: Days after an order ends before the buyer's phone, e-mail and address are removed.
KEEP_CONTACT_DAYS = 90
#: What a removed name reads as.
ERASED_NAME = "(dihapus)"


class NoSuchBuyer(LookupError):
    """No buyer account or order matches the phone number or e-mail given."""


def _ended_before(cutoff) -> sa.Select:
    """Ids of orders whose every part ended (completed or cancelled) before ``cutoff``."""
    open_part = sa.exists().where(SellerOrder.order_id == Order.id,
                                  SellerOrder.status.not_in([s.value for s in FINAL]))
    last_move = (sa.select(sa.func.max(SellerOrderEvent.created_at))
                 .join(SellerOrder, SellerOrder.id == SellerOrderEvent.seller_order_id)
                 .where(SellerOrder.order_id == Order.id).scalar_subquery())
    return sa.select(Order.id).where(Order.personal_data_removed_at.is_(None), ~open_part,
                                     last_move < cutoff)


def _blank_contact(ids) -> int:
    result = db.session.execute(
        sa.update(Order).where(Order.id.in_(ids))
        .values(buyer_phone="", buyer_email="", address="", personal_data_removed_at=clock.now()),
        execution_options={"synchronize_session": False})
    return result.rowcount


def _erase_proofs(ids) -> int:
    """Delete the transfer receipts of these orders from the proof store; returns how many."""
    payments = list(db.session.scalars(
        sa.select(Payment).where(Payment.order_id.in_(ids), Payment.proof_key.is_not(None))))
    for payment in payments:
        delete_proof(payment.proof_key)
        payment.proof_key = None
    return len(payments)


def purge_old_contact_details(days: int = KEEP_CONTACT_DAYS) -> int:
    """Remove phone, e-mail, address and receipt photos from orders that ended more than
    ``days`` ago."""
    ids = list(db.session.scalars(_ended_before(clock.now() - timedelta(days=days))))
    if not ids:
        return 0
    proofs = _erase_proofs(ids)
    if proofs:
        record(None, "buyer.purge_proofs", subject=f"orders:{len(ids)} proofs:{proofs}")
    return _blank_contact(ids)


def erase_buyer(identifier: str, staff: User) -> int:
    """On a buyer's request: remove her name and contact details from every order and close
    her account. Returns how many orders were changed. Raises ``NoSuchBuyer``."""
    user = find_by_login(identifier)
    orders = sa.select(Order.id)
    if user is not None and user.role == Role.BUYER:
        orders = orders.where(sa.or_(Order.buyer_id == user.id, Order.buyer_phone == user.phone))
    elif "@" in identifier:
        orders = orders.where(Order.buyer_email == identifier.strip().lower())
    else:
        from storefront.domain.phone import InvalidPhone, normalise_phone

        try:
            orders = orders.where(Order.buyer_phone == normalise_phone(identifier))
        except InvalidPhone as exc:
            raise NoSuchBuyer(identifier) from exc
    ids = list(db.session.scalars(orders))
    if not ids and (user is None or user.role != Role.BUYER):
        raise NoSuchBuyer(identifier)
    if ids:
        db.session.execute(
            sa.update(Order).where(Order.id.in_(ids))
            .values(buyer_name=ERASED_NAME, buyer_phone="", buyer_email="", address="",
                    buyer_id=None, personal_data_removed_at=clock.now()),
            execution_options={"synchronize_session": False})
        db.session.execute(
            sa.update(SellerOrder).where(SellerOrder.order_id.in_(ids)).values(gift_note=""),
            execution_options={"synchronize_session": False})
    if user is not None and user.role == Role.BUYER:
        user.name, user.email, user.phone, user.password_hash = ERASED_NAME, None, None, None
        user.is_enabled = False
        user.end_all_sessions()
    proofs = _erase_proofs(ids) if ids else 0
    record(staff, "buyer.erase", subject=f"orders:{len(ids)} proofs:{proofs}")
    db.session.flush()
    return len(ids)
