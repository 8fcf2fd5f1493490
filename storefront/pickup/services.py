"""Pickup points: staff keep them, sellers choose theirs, parcels are received and handed over.

Flushes, never commits.
"""
from __future__ import annotations

import sqlalchemy as sa
from flask import url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from storefront import clock
from storefront.accounts.models import User
from storefront.audit.services import record
from storefront.domain import handover
from storefront.domain.order_states import FINAL, SellerOrderStatus
from storefront.extensions import db
from storefront.notifications.models import NoticeKind
from storefront.notifications.services import notify
from storefront.orders import services as orders
from storefront.orders import settlement
from storefront.orders.models import CashHolder, Order, SellerOrder
from storefront.pickup.models import HandoverCode, PickupParcel, PickupPoint, shop_pickup_points
from storefront.shops.models import Shop

S = SellerOrderStatus


class PickupError(ValueError):
    pass


class PointNotOffered(PickupError):
    """The seller does not drop off at that point, or it is closed."""


class NotReceived(PickupError):
    """Some parcels of the order have not reached the point yet."""


class NotReady(PickupError):
    """The seller has not marked the parcel ready."""


def active_points() -> list[PickupPoint]:
    return list(db.session.scalars(sa.select(PickupPoint).where(PickupPoint.active)
                                   .order_by(PickupPoint.name)))


def all_points() -> list[PickupPoint]:
    return list(db.session.scalars(sa.select(PickupPoint).order_by(PickupPoint.name)))


def save_point(point: PickupPoint | None, staff: User, **fields) -> PickupPoint:
    point = point or PickupPoint()
    for name, value in fields.items():
        setattr(point, name, value.strip() if isinstance(value, str) else value)
    db.session.add(point)
    db.session.flush()
    record(staff, "pickup_point.save", subject=f"pickup_point:{point.id}")
    return point


def points_of_shop(shop_id: int, *, only_active: bool = True) -> list[PickupPoint]:
    query = (sa.select(PickupPoint).join(shop_pickup_points,
                                         shop_pickup_points.c.point_id == PickupPoint.id)
             .where(shop_pickup_points.c.shop_id == shop_id).order_by(PickupPoint.name))
    if only_active:
        query = query.where(PickupPoint.active)
    return list(db.session.scalars(query))


def points_of_shops(shop_ids) -> dict[int, list[PickupPoint]]:
    """Each shop's active points (one query)."""
    ids = list(shop_ids)
    out: dict[int, list[PickupPoint]] = {sid: [] for sid in ids}
    if not ids:
        return out
    rows = db.session.execute(
        sa.select(shop_pickup_points.c.shop_id, PickupPoint)
        .join(PickupPoint, shop_pickup_points.c.point_id == PickupPoint.id)
        .where(shop_pickup_points.c.shop_id.in_(ids), PickupPoint.active)
        .order_by(PickupPoint.name)).all()
    for shop_id, point in rows:
        out[shop_id].append(point)
    return out


def set_shop_points(shop: Shop, point_ids: set[int]) -> None:
    """She drops off at exactly these active points."""
    valid = {p.id for p in active_points()} & set(point_ids)
    db.session.execute(sa.delete(shop_pickup_points).where(shop_pickup_points.c.shop_id == shop.id))
    for pid in sorted(valid):
        db.session.execute(sa.insert(shop_pickup_points).values(shop_id=shop.id, point_id=pid))
    db.session.flush()


def send_to_point(order: Order, part: SellerOrder, point_id: int, *,
                  check_shop: bool = True) -> PickupParcel:
    """Route one seller order to a pickup point; the order gets its handover code once."""
    point = db.session.get(PickupPoint, point_id)
    if point is None or not point.active:
        raise PointNotOffered(point_id)
    if check_shop and point.id not in {p.id for p in points_of_shop(part.shop_id)}:
        raise PointNotOffered(point_id)
    parcel = PickupParcel(seller_order_id=part.id, order_id=order.id, point_id=point.id)
    db.session.add(parcel)
    exists = db.session.scalar(sa.select(HandoverCode.id).where(HandoverCode.order_id == order.id))
    if exists is None:
        db.session.add(HandoverCode(order_id=order.id, code=handover.new_code()))
    db.session.flush()
    return parcel


def parcels_of_order(order_id: int) -> list[PickupParcel]:
    return list(db.session.scalars(
        sa.select(PickupParcel).where(PickupParcel.order_id == order_id)
        .options(selectinload(PickupParcel.point)).order_by(PickupParcel.id)))


def code_of_order(order_id: int) -> HandoverCode | None:
    return db.session.scalar(sa.select(HandoverCode).where(HandoverCode.order_id == order_id))


def parcels_at(point_id: int) -> list[PickupParcel]:
    """Parcels still open at a point: not handed over, not cancelled."""
    rows = db.session.scalars(
        sa.select(PickupParcel).join(PickupParcel.seller_order)
        .where(PickupParcel.point_id == point_id, PickupParcel.handed_over_at.is_(None),
               SellerOrder.status.not_in(list(FINAL)))
        .options(selectinload(PickupParcel.seller_order).selectinload(SellerOrder.lines),
                 selectinload(PickupParcel.seller_order).selectinload(SellerOrder.shop),
                 selectinload(PickupParcel.order))
        .order_by(PickupParcel.order_id, PickupParcel.id))
    return list(rows)


def receive(parcel: PickupParcel, staff: User) -> None:
    """Staff at the point took the parcel from the seller."""
    if parcel.seller_order.status != S.READY:
        raise NotReady(parcel.id)
    if parcel.received_at is None:
        parcel.received_at = clock.now()
        record(staff, "pickup.receive", shop_id=parcel.seller_order.shop_id,
               subject=parcel.order.number)
    db.session.flush()


def _complete(part: SellerOrder, staff: User) -> None:
    """The buyer gave her code: the part is handed over, its cash (if any) taken by the point."""
    orders.move_or_refuse(part, S.COMPLETED, staff, "pickup point")
    settlement.record_completed(part, staff, CashHolder.PICKUP_POINT)
    with force_locale("id"):
        text = _("Order %(number)s was handed to the buyer at the pickup point.",
                 number=part.order.number)
    notify(part.shop.owner, text, link=url_for("seller_orders.inbox"), kind=NoticeKind.ORDER)


def hand_over(point: PickupPoint, order: Order, code: str | None, staff: User) -> list[PickupParcel]:
    """Check the buyer's code; every open parcel of her order at this point is handed over.

    Raises ``handover.Locked``, ``handover.WrongCode`` (the miss is counted and must be
    committed by the caller), ``NotReceived``.
    """
    row = db.session.scalar(sa.select(HandoverCode).where(HandoverCode.order_id == order.id)
                            .with_for_update())
    parcels = [p for p in parcels_at(point.id) if p.order_id == order.id]
    if row is None or not parcels:
        raise NotReceived(order.id)
    now = clock.now()
    try:
        handover.check(code, row.code, row.failures, row.locked_until, now)
    except handover.WrongCode:
        row.failures += 1
        if row.failures >= handover.MAX_FAILURES:
            row.locked_until = now + handover.LOCK_FOR
            row.failures = 0
        record(staff, "pickup.wrong_code", subject=order.number)
        db.session.flush()
        raise
    if any(p.received_at is None for p in parcels):
        raise NotReceived(order.id)
    row.failures, row.locked_until = 0, None
    for parcel in parcels:
        parcel.handed_over_at = now
        _complete(parcel.seller_order, staff)
    record(staff, "pickup.hand_over", subject=order.number)
    db.session.flush()
    return parcels


def points_for_parts(parts) -> dict[int, PickupPoint]:
    """The pickup point of each seller order that goes to one (one query)."""
    ids = [part.id for part in parts]
    if not ids:
        return {}
    rows = db.session.execute(sa.select(PickupParcel.seller_order_id, PickupPoint)
                              .join(PickupPoint, PickupParcel.point_id == PickupPoint.id)
                              .where(PickupParcel.seller_order_id.in_(ids))).all()
    return dict(rows)
