"""What a seller should do now, for the top of /penjual/: counts, in three queries."""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from storefront.domain.order_states import SellerOrderStatus
from storefront.extensions import db
from storefront.notifications.models import NoticeKind, Notification
from storefront.orders.models import SellerOrder


@dataclass(frozen=True)
class ToDo:
    #: orders waiting for her to accept them
    new_orders: int
    #: accepted orders she still has to make ready
    to_make_ready: int
    #: order notices she has not opened
    unread_notices: int
    #: staff messages she has not opened
    unread_messages: int


def for_seller(shop_id: int, user_id: int) -> ToDo:
    counts = dict(db.session.execute(
        sa.select(SellerOrder.status, sa.func.count(SellerOrder.id))
        .where(SellerOrder.shop_id == shop_id,
               SellerOrder.status.in_((SellerOrderStatus.NEW, SellerOrderStatus.ACCEPTED)))
        .group_by(SellerOrder.status)).all())
    unread = dict(db.session.execute(
        sa.select(Notification.kind, sa.func.count(Notification.id))
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
        .group_by(Notification.kind)).all())
    return ToDo(new_orders=counts.get(SellerOrderStatus.NEW, 0),
                to_make_ready=counts.get(SellerOrderStatus.ACCEPTED, 0),
                unread_notices=unread.get(NoticeKind.ORDER, 0),
                unread_messages=unread.get(NoticeKind.MESSAGE, 0))
