"""Orders their seller has not answered: for staff to relay by hand. Read-only queries
and the one change (recording that staff contacted her)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from storefront import clock
from storefront.accounts.models import User
from storefront.domain.order_states import SellerOrderStatus
from storefront.extensions import db
from storefront.notifications.delivery_models import (
    MessageStatus,
    OutboundMessage,
    SellerFollowUp,
)
from storefront.orders.models import SellerOrder
from storefront.shops.models import Shop

#: Older than this, an entry is highlighted.
OLD = timedelta(days=1)


@dataclass(frozen=True)
class Waiting:
    part: SellerOrder
    #: since when the order has waited for her (UTC)
    since: datetime
    #: a message to her failed after every try
    failed: bool
    #: older than a day
    old: bool
    follow_up: SellerFollowUp | None


def waiting() -> list[Waiting]:
    """New parts not accepted within SELLER_ACCEPT_MINUTES, or whose message failed."""
    now = clock.now()
    limit = now - timedelta(minutes=current_app.config["SELLER_ACCEPT_MINUTES"])
    failed = sa.select(OutboundMessage.seller_order_id).where(
        OutboundMessage.status == MessageStatus.FAILED,
        OutboundMessage.event.startswith("order.new:"))
    parts = db.session.scalars(
        sa.select(SellerOrder)
        .where(SellerOrder.status == SellerOrderStatus.NEW,
               sa.or_(SellerOrder.updated_at <= limit, SellerOrder.id.in_(failed)))
        .options(selectinload(SellerOrder.order), selectinload(SellerOrder.lines),
                 selectinload(SellerOrder.shop).selectinload(Shop.owner))
        .order_by(SellerOrder.updated_at, SellerOrder.id)).all()
    ids = [p.id for p in parts]
    failed_ids = set(db.session.scalars(failed.where(OutboundMessage.seller_order_id.in_(ids))))
    follow_ups = {f.seller_order_id: f for f in db.session.scalars(
        sa.select(SellerFollowUp).where(SellerFollowUp.seller_order_id.in_(ids)))}
    return [Waiting(part=p, since=p.updated_at, failed=p.id in failed_ids,
                    old=now - p.updated_at > OLD, follow_up=follow_ups.get(p.id))
            for p in parts]



def mark_contacted(part: SellerOrder, staff: User) -> bool:
    """Record that staff called or messaged her; a repeat is harmless (False)."""
    try:
        with db.session.begin_nested():
            db.session.add(SellerFollowUp(seller_order_id=part.id, staff_id=staff.id))
            db.session.flush()
    except IntegrityError:
        return False
    return True


def log_for(part_id: int) -> list[OutboundMessage]:
    """Every message sent about one seller order, oldest first (the staff delivery log)."""
    return list(db.session.scalars(sa.select(OutboundMessage)
                                   .where(OutboundMessage.seller_order_id == part_id)
                                   .order_by(OutboundMessage.id)))


