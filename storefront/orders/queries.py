"""Read-only order queries: a fixed number of SQL statements however many orders there are."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from storefront.domain.order_states import SellerOrderStatus
from storefront.extensions import db
from storefront.hampers.models import HamperOrderPart
from storefront.orders.models import Order, SellerOrder
from storefront.payments.models import PaymentMethod
from storefront.refunds.models import RefundObligation

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


def buyer_view(order: Order) -> dict:
    """What the tracking page adds to the order (three queries): the total of the parts
    still live, the cash still to pay, each cancelled part's refund, and each hamper."""
    ids = [part.id for part in order.parts]
    live = [part for part in order.parts if part.status != SellerOrderStatus.CANCELLED]
    refunds = {o.seller_order_id: o for o in db.session.scalars(
        sa.select(RefundObligation).where(RefundObligation.seller_order_id.in_(ids)))}
    hampers = {h.seller_order_id: h for h in db.session.scalars(
        sa.select(HamperOrderPart).where(HamperOrderPart.seller_order_id.in_(ids))
        .options(joinedload(HamperOrderPart.hamper)))}
    cash_due = sum(part.total for part in live if part.cash_held_by is None) \
        if order.payment_method == PaymentMethod.CASH else 0
    seen: set[int] = set()
    hamper_lines = []
    for held in hampers.values():
        if held.hamper_id not in seen:
            seen.add(held.hamper_id)
            hamper_lines.append((held.hamper, held.quantity))
    return {"live_total": sum(part.total for part in live), "cash_due": cash_due,
            "refunds": refunds, "hamper_parts": hampers, "hamper_lines": hamper_lines}
