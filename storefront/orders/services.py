"""Moving seller orders through their life, returning stock, telling people. Never commits."""
from __future__ import annotations

import sqlalchemy as sa
from flask import url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from storefront import clock
from storefront.accounts.models import User
from storefront.audit.services import record
from storefront.catalog import freshness
from storefront.catalog.models import Product
from storefront.domain.order_states import (
    InvalidTransition,
    SellerOrderStatus,
    check_move,
    check_seller_move,
)
from storefront.extensions import db
from storefront.jobs import after_commit
from storefront.notifications import buyer_notices, order_notices
from storefront.notifications.mail import send_mail
from storefront.orders import settlement
from storefront.orders.models import CapacityBooking, SellerOrder, SellerOrderEvent

S = SellerOrderStatus


def _move(part: SellerOrder, sources: frozenset[SellerOrderStatus], target: SellerOrderStatus,
          actor: User | None, note: str = "", **values) -> bool:
    """Move ``part`` to ``target`` if it is still in one of ``sources``; True for the winner.

    A conditional UPDATE whose row count is checked, like the payments' ``_move``: when
    two taps, a cancel and a payment, or two staff race, PostgreSQL re-checks the WHERE
    after waiting for the other's row lock (SQLite runs one writer at a time), so exactly
    one caller changes the row. Only that caller writes the event and fires side effects.
    """
    before = part.status
    result = db.session.execute(
        sa.update(SellerOrder).where(SellerOrder.id == part.id, SellerOrder.status.in_(sources))
        .values(status=target, updated_at=clock.now(), **values)
        .execution_options(synchronize_session=False))
    db.session.refresh(part)
    if result.rowcount != 1:
        return False
    source = before if before in sources else next(iter(sources))
    db.session.add(SellerOrderEvent(seller_order_id=part.id, from_status=source,
                                    to_status=target, actor_id=actor.id if actor else None,
                                    note=note))
    return True


def move_or_refuse(part: SellerOrder, target: SellerOrderStatus, actor: User | None,
                   note: str = "", **values) -> None:
    """Move from the status ``part`` was read in; ``InvalidTransition`` if someone moved it first."""
    current = part.status
    check_move(current, target)
    if not _move(part, frozenset({current}), target, actor, note, **values):
        raise InvalidTransition(part.status, target)


def record_placed(part: SellerOrder, actor: User | None) -> None:
    db.session.add(SellerOrderEvent(seller_order_id=part.id, from_status=None,
                                    to_status=part.status, actor_id=actor.id if actor else None))


def release(part: SellerOrder, actor: User | None, note: str = "") -> bool:
    """Payment is settled (or is cash at handover): the seller may start. A repeat is harmless.

    Returns True when the part moved, False when it had already moved on.
    """
    if not _move(part, frozenset({S.AWAITING_PAYMENT}), S.NEW, actor, note):
        return False
    _tell_seller_new(part)
    return True


def release_unpaid(part: SellerOrder, reason: str) -> bool:
    """The buyer did not pay: cancel a waiting part and return exactly what it reserved."""
    if not _move(part, frozenset({S.AWAITING_PAYMENT}), S.CANCELLED, None, reason,
                 cancel_reason=reason):
        return False
    _return_stock(part)
    return True


def _tell_seller_new(part: SellerOrder) -> None:
    with force_locale("id"):
        text = _("New order %(number)s for %(shop)s: %(count)s item(s), total %(total)s. "
                 "Open Pasar Ibu to accept it.", number=part.order.number, shop=part.shop.name,
                 count=sum(line.quantity for line in part.lines), total=_rupiah(part.total))
        accept = _tap_link(part, "accept")
        text += "\n" + _("Accept the order: %(accept)s\nWhen it is ready: %(ready)s",
                         accept=accept, ready=_tap_link(part, "ready"))
    order_notices.new_order(part, text, accept)


def _tap_link(part: SellerOrder, action: str) -> str:
    """A one-tap link of the new-order message (see ``storefront.orders.tap_links``)."""
    from storefront.orders.tap_links import link_for

    return link_for(part, action)


def _rupiah(amount: int) -> str:
    from storefront.domain.money import format_rupiah

    return format_rupiah(amount)


def _tell_buyer(part: SellerOrder) -> None:
    order = part.order
    buyer_notices.status_changed(part)
    if not order.buyer_email:
        return
    from storefront.orders.labels import status_label

    link = url_for("orders.track", token=order.token, _external=True)
    text = _("%(shop)s: your order %(number)s is now \"%(status)s\". Follow it here: %(link)s",
             shop=part.shop.name, number=order.number, status=status_label(part.status), link=link)
    after_commit(send_mail, order.buyer_email, f"Pasar Ibu {order.number}", text)


def seller_move(part: SellerOrder, target: SellerOrderStatus, seller: User) -> None:
    """The seller's one-tap step (accept, ready, handed over)."""
    check_seller_move(part.status, target)
    if target == S.CANCELLED:
        raise ValueError("use cancel() to cancel")
    if target == S.COMPLETED and settlement.bound_for_point(part):
        raise HandoverByCode(part.id)
    move_or_refuse(part, target, seller)
    if target == S.COMPLETED:
        settlement.record_completed(part, seller)
    _tell_buyer(part)
    db.session.flush()


class HandoverByCode(InvalidTransition):
    """A parcel at a pickup point is handed over only with the buyer's code, at the point."""

    def __init__(self, part_id: int):
        ValueError.__init__(self, f"seller order {part_id} is handed over at a pickup point")
        self.current = S.READY
        self.target = S.COMPLETED


class ReasonRequired(ValueError):
    """A cancellation needs a reason the buyer can read."""


def cancel(part: SellerOrder, actor: User, reason: str, *, by_staff: bool) -> None:
    """Cancel a seller order with a reason; return its stock and booked capacity."""
    reason = (reason or "").strip()
    if not reason:
        raise ReasonRequired
    if by_staff:
        check_move(part.status, S.CANCELLED)
    else:
        check_seller_move(part.status, S.CANCELLED)
    move_or_refuse(part, S.CANCELLED, actor, reason, cancel_reason=reason)
    _return_stock(part)
    settlement.after_cancel(part, actor, reason)
    record(actor, "order.cancel" if by_staff else "order.cancel_by_seller",
           shop_id=part.shop_id, subject=part.order.number, reason=reason)
    if by_staff:
        with force_locale("id"):
            text = _("Staff cancelled your order %(number)s. Reason: %(reason)s",
                     number=part.order.number, reason=reason)
        order_notices.cancelled(part, text, reason)
    _tell_buyer(part)
    db.session.flush()


def _return_stock(part: SellerOrder) -> None:
    for line in part.lines:
        if line.made_to_order:
            if part.wanted_date is None:
                continue
            db.session.execute(
                sa.update(CapacityBooking)
                .where(CapacityBooking.product_id == line.product_id,
                       CapacityBooking.day == part.wanted_date,
                       CapacityBooking.booked >= line.quantity)
                .values(booked=CapacityBooking.booked - line.quantity)
                .execution_options(synchronize_session=False))
        else:
            stock_now = db.session.scalar(
                sa.update(Product).where(Product.id == line.product_id,
                                         Product.stock.is_not(None))
                .values(stock=Product.stock + line.quantity)
                .returning(Product.stock)
                .execution_options(synchronize_session=False, **{freshness.STOCK_ONLY: True}))
            if stock_now == line.quantity:
                freshness.mark_changed(db.session)  # it was sold out; listings offer it again
