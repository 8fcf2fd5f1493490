"""What orders do when a payment moves: route the parts, release the stock, flag late money.

Registered once at start-up (``install``); each handler runs inside the payment's own
transaction, exactly once per real change of the payment, and only flushes.
"""
from __future__ import annotations

import sqlalchemy as sa
from flask import url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from storefront.accounts.models import Role, User
from storefront.audit.services import record
from storefront.domain.order_states import SellerOrderStatus
from storefront.extensions import db
from storefront.notifications.services import notify
from storefront.orders import services
from storefront.orders.models import Order, SellerOrder
from storefront.payments import hooks
from storefront.refunds import services as refunds

S = SellerOrderStatus


def _order(order_id: int) -> Order:
    return db.session.get(Order, order_id)


def _waiting_parts(order_id: int) -> list[SellerOrder]:
    """The order's parts still waiting for payment, locked (PostgreSQL) in id order."""
    return list(db.session.scalars(
        sa.select(SellerOrder).where(SellerOrder.order_id == order_id,
                                     SellerOrder.status == S.AWAITING_PAYMENT)
        .order_by(SellerOrder.id).with_for_update()
        .execution_options(populate_existing=True)))


def on_paid(order_id: int) -> None:
    """The money is in: each waiting part goes to its seller as "new"; she is told once.

    A part cancelled while it waited (by its seller, racing the payment) was paid for too:
    it gets its refund obligation, and staff are told.
    """
    for part in _waiting_parts(order_id):
        services.release(part, None, note="paid")
    refunds.open_for_cancelled(order_id)
    db.session.flush()


def _tell_staff(text: str) -> None:
    link = url_for("staff_payments.queue")
    for staff in db.session.scalars(sa.select(User).where(User.role == Role.STAFF)):
        notify(staff, text, link=link)


def on_unpaid(order_id: int) -> None:
    """Expired or failed: the waiting parts are cancelled and exactly their stock returns."""
    with force_locale("id"):
        reason = _("Not paid in time.")
    for part in _waiting_parts(order_id):
        services.release_unpaid(part, reason)
    db.session.flush()


def on_needs_refund(order_id: int) -> None:
    """Money came after the stock was released: never re-sell, tell staff to return it."""
    order = _order(order_id)
    record(None, "payment.late", subject=order.number,
           reason="paid after the deadline; stock was already released")
    with force_locale("id"):
        text = _("Order %(number)s was paid after the time to pay had passed. "
                 "Its stock was already released: return the money.", number=order.number)
    _tell_staff(text)
    refunds.open_for_cancelled(order_id, tell_staff=False)  # the message above says it all
    db.session.flush()


def install() -> None:
    hooks.register("paid", on_paid)
    hooks.register("expired", on_unpaid)
    hooks.register("failed", on_unpaid)
    hooks.register("needs_refund", on_needs_refund)
