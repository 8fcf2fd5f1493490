"""Community pickup points, the sellers who drop off there, parcels and handover codes."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storefront import clock
from storefront.extensions import db
from storefront.orders.models import Order, SellerOrder

#: The points where each shop can drop off her goods.
shop_pickup_points = sa.Table(
    "shop_pickup_points", db.metadata,
    sa.Column("shop_id", sa.ForeignKey("shops.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("point_id", sa.ForeignKey("pickup_points.id", ondelete="CASCADE"), primary_key=True),
)


class PickupPoint(db.Model):
    """A place buyers know, such as a community hall, where parcels wait for them."""

    __tablename__ = "pickup_points"
    __table_args__ = (sa.CheckConstraint("map_url = '' OR map_url LIKE 'https://%'",
                                         name="map_url_https"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the place's name, e.g. "Aula Gereja Kota Baru"
    name: Mapped[str] = mapped_column(sa.String(120))
    #: street address and landmarks
    address: Mapped[str] = mapped_column(sa.Text)
    #: opening hours as people say them, e.g. "Sen-Sab 09.00-17.00"
    opening_hours: Mapped[str] = mapped_column(sa.String(200))
    #: a map link (https only), or empty
    map_url: Mapped[str] = mapped_column(sa.String(500), default="")
    #: shown to buyers and sellers; false hides it from new orders
    active: Mapped[bool] = mapped_column(default=True)
    #: when staff added it (UTC)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)


class PickupParcel(db.Model):
    """One seller order that goes to a pickup point instead of the buyer or the seller's place."""

    __tablename__ = "pickup_parcels"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the seller order brought to the point
    seller_order_id: Mapped[int] = mapped_column(sa.ForeignKey("seller_orders.id"), unique=True)
    #: the order it belongs to (one handover code per order)
    order_id: Mapped[int] = mapped_column(sa.ForeignKey("orders.id"), index=True)
    #: where it is dropped off and picked up
    point_id: Mapped[int] = mapped_column(sa.ForeignKey("pickup_points.id"), index=True)
    #: when staff at the point received it from the seller (UTC)
    received_at: Mapped[datetime | None] = mapped_column()
    #: when staff handed it to the buyer (UTC)
    handed_over_at: Mapped[datetime | None] = mapped_column()

    seller_order: Mapped[SellerOrder] = relationship()
    order: Mapped[Order] = relationship()
    point: Mapped[PickupPoint] = relationship()


class HandoverCode(db.Model):
    """The buyer's six-digit code for her order's parcels; compared in constant time."""

    __tablename__ = "handover_codes"
    __table_args__ = (sa.CheckConstraint("failures >= 0", name="failures_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the order it opens
    order_id: Mapped[int] = mapped_column(sa.ForeignKey("orders.id"), unique=True)
    #: six digits, shown only on the buyer's secret tracking page
    code: Mapped[str] = mapped_column(sa.String(6))
    #: wrong codes given in a row
    failures: Mapped[int] = mapped_column(default=0)
    #: refuses every code until then (UTC), after too many wrong ones
    locked_until: Mapped[datetime | None] = mapped_column()
