"""Read-only order queries: a fixed number of SQL statements however many orders there are."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from storefront.domain.order_states import SellerOrderStatus
from storefront.extensions import db
from storefront.orders.models import Order, SellerOrder

#: Most seller orders one list shows.
LIST_LIMIT = 100


def by_token(token: str) -> Order | None:
    if not token or len(token) > 64:
        return None
    return db.session.scalar(
        sa.select(Order).where(Order.token == token)
        .options(selectinload(Order.parts).selectinload(SellerOrder.lines),
                 selectinload(Order.parts).joinedload(SellerOrder.shop)))


def for_shop(shop_id: int) -> list[SellerOrder]:
    """Her seller orders: new ones first, then the newest."""
    is_new = sa.case((SellerOrder.status == SellerOrderStatus.NEW, 0), else_=1)
    return list(db.session.scalars(
        sa.select(SellerOrder).where(SellerOrder.shop_id == shop_id)
        .order_by(is_new, SellerOrder.created_at.desc(), SellerOrder.id.desc())
        .limit(LIST_LIMIT)
        .options(joinedload(SellerOrder.order), selectinload(SellerOrder.lines))))


def part_of_shop(part_id: int, shop_id: int) -> SellerOrder | None:
    return db.session.scalar(sa.select(SellerOrder).where(
        SellerOrder.id == part_id, SellerOrder.shop_id == shop_id))


def for_buyer(user_id: int) -> list[Order]:
    return list(db.session.scalars(
        sa.select(Order).where(Order.buyer_id == user_id)
        .order_by(Order.created_at.desc(), Order.id.desc()).limit(LIST_LIMIT)
        .options(selectinload(Order.parts).joinedload(SellerOrder.shop))))


def for_staff(status: SellerOrderStatus | None, shop_id: int | None) -> list[SellerOrder]:
    stmt = sa.select(SellerOrder)
    if status is not None:
        stmt = stmt.where(SellerOrder.status == status)
    if shop_id is not None:
        stmt = stmt.where(SellerOrder.shop_id == shop_id)
    return list(db.session.scalars(
        stmt.order_by(SellerOrder.created_at.desc(), SellerOrder.id.desc()).limit(LIST_LIMIT)
        .options(joinedload(SellerOrder.order), joinedload(SellerOrder.shop),
                 selectinload(SellerOrder.lines))))
