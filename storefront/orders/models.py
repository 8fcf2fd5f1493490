"""Orders, their parts per shop, line snapshots and the history of every move."""
from __future__ import annotations

import enum
import secrets
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storefront import clock
from storefront.accounts.models import User
from storefront.dbtypes import enum_type
from storefront.domain.order_states import OrderStatus, SellerOrderStatus, order_status
from storefront.extensions import db
from storefront.payments.models import PaymentMethod
from storefront.shops.models import Shop

__all__ = ["CapacityBooking", "CashHolder", "Fulfilment", "Order", "OrderCounter", "OrderLine",
           "PaymentMethod", "SellerOrder", "SellerOrderEvent"]


class Fulfilment(enum.StrEnum):
    #: the buyer collects it at the seller's place
    PICKUP = "pickup"
    #: the seller delivers it within Kota Kupang, for her fee
    DELIVERY = "delivery"


class CashHolder(enum.StrEnum):
    #: the seller took the buyer's cash herself, at her place or on delivery
    SELLER = "seller"
    #: the pickup point took it at the handover; the programme holds it
    PICKUP_POINT = "pickup_point"


def new_token() -> str:
    return secrets.token_urlsafe(24)


class OrderCounter(db.Model):
    """The last order number given out in a month ("2612" → 42 gives PI-2612-0042)."""

    __tablename__ = "order_counters"

    #: year and month, "YYMM"
    period: Mapped[str] = mapped_column(sa.String(4), primary_key=True)
    #: the last sequence number used in that month
    last: Mapped[int] = mapped_column(sa.Integer, default=0)


class Order(db.Model):
    __tablename__ = "orders"
    __table_args__ = (sa.CheckConstraint("total >= 0", name="total_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: public number the buyer and sellers quote, e.g. PI-2612-0042
    number: Mapped[str] = mapped_column(sa.String(20), unique=True)
    #: secret part of the tracking link; unguessable
    token: Mapped[str] = mapped_column(sa.String(64), unique=True, default=new_token)
    #: the logged-in buyer, or NULL for a guest
    buyer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    #: the buyer's name as she typed it
    buyer_name: Mapped[str] = mapped_column(sa.String(120))
    #: the buyer's WhatsApp/phone in E.164
    buyer_phone: Mapped[str] = mapped_column(sa.String(20))
    #: the buyer's e-mail, if she gave one
    buyer_email: Mapped[str] = mapped_column(sa.String(254), default="")
    #: delivery address, when any shop delivers
    address: Mapped[str] = mapped_column(sa.Text, default="")
    #: kecamatan of the delivery address, when any shop delivers
    delivery_area: Mapped[str] = mapped_column(sa.String(60), default="")
    #: how the buyer pays
    payment_method: Mapped[PaymentMethod] = mapped_column(
        enum_type(PaymentMethod), default=PaymentMethod.CASH)
    #: sum of the seller orders' totals, in rupiah, at the time of ordering
    total: Mapped[int] = mapped_column(sa.Integer)
    #: when it was placed (UTC)
    created_at: Mapped[datetime] = mapped_column(default=clock.now, index=True)
    #: when the buyer's phone, e-mail and address were removed (90 days after it ended, or on request)
    personal_data_removed_at: Mapped[datetime | None] = mapped_column()

    buyer: Mapped[User | None] = relationship()
    parts: Mapped[list[SellerOrder]] = relationship(
        back_populates="order", order_by="SellerOrder.id")

    @property
    def status(self) -> OrderStatus:
        return order_status(part.status for part in self.parts)


class SellerOrder(db.Model):
    __tablename__ = "seller_orders"
    __table_args__ = (
        sa.CheckConstraint("subtotal >= 0", name="subtotal_not_negative"),
        sa.CheckConstraint("delivery_fee >= 0", name="delivery_fee_not_negative"),
        sa.CheckConstraint("total >= 0", name="total_not_negative"),
        sa.Index("ix_seller_orders_shop_status", "shop_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the order it belongs to
    order_id: Mapped[int] = mapped_column(sa.ForeignKey("orders.id"), index=True)
    #: the shop that fulfils it
    shop_id: Mapped[int] = mapped_column(sa.ForeignKey("shops.id"))
    #: where it is in its life
    status: Mapped[SellerOrderStatus] = mapped_column(
        enum_type(SellerOrderStatus), default=SellerOrderStatus.AWAITING_PAYMENT)
    #: pickup at her place, or delivery by her
    fulfilment: Mapped[Fulfilment] = mapped_column(enum_type(Fulfilment))
    #: her delivery fee in rupiah (0 for pickup)
    delivery_fee: Mapped[int] = mapped_column(sa.Integer, default=0)
    #: sum of the lines, in rupiah
    subtotal: Mapped[int] = mapped_column(sa.Integer)
    #: subtotal plus delivery fee, in rupiah
    total: Mapped[int] = mapped_column(sa.Integer)
    #: the day the buyer wants made-to-order items (NULL when all come from stock)
    wanted_date: Mapped[date | None] = mapped_column(sa.Date)
    #: a greeting to put with the parcel, e.g. for Hari Ibu
    gift_note: Mapped[str] = mapped_column(sa.String(300), default="")
    #: for cash: who took this part's cash at handover (NULL while it is not collected)
    cash_held_by: Mapped[CashHolder | None] = mapped_column(enum_type(CashHolder))
    #: why it was cancelled, when it was
    cancel_reason: Mapped[str] = mapped_column(sa.Text, default="")
    #: when it was placed (UTC)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    #: last status change (UTC)
    updated_at: Mapped[datetime] = mapped_column(default=clock.now)

    order: Mapped[Order] = relationship(back_populates="parts")
    shop: Mapped[Shop] = relationship()
    lines: Mapped[list[OrderLine]] = relationship(
        back_populates="seller_order", order_by="OrderLine.id")
    events: Mapped[list[SellerOrderEvent]] = relationship(order_by="SellerOrderEvent.id")


class OrderLine(db.Model):
    """A snapshot: later edits of the product or shop never change it."""

    __tablename__ = "order_lines"
    __table_args__ = (
        sa.CheckConstraint("unit_price >= 0", name="unit_price_not_negative"),
        sa.CheckConstraint("quantity > 0", name="quantity_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the seller order it belongs to
    seller_order_id: Mapped[int] = mapped_column(sa.ForeignKey("seller_orders.id"), index=True)
    #: the product bought (kept for stock returns and links)
    product_id: Mapped[int] = mapped_column(sa.ForeignKey("products.id"), index=True)
    #: the product's name when it was bought
    product_name: Mapped[str] = mapped_column(sa.String(120))
    #: the shop's name when it was bought
    shop_name: Mapped[str] = mapped_column(sa.String(120))
    #: price of one unit in rupiah when it was bought
    unit_price: Mapped[int] = mapped_column(sa.Integer)
    #: how many
    quantity: Mapped[int] = mapped_column(sa.Integer)
    #: made to order (capacity booked) rather than taken from stock
    made_to_order: Mapped[bool] = mapped_column(default=False)

    seller_order: Mapped[SellerOrder] = relationship(back_populates="lines")

    @property
    def total(self) -> int:
        return self.unit_price * self.quantity


class SellerOrderEvent(db.Model):
    """One status change of a seller order: from what, to what, by whom, when, why."""

    __tablename__ = "seller_order_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the seller order that moved
    seller_order_id: Mapped[int] = mapped_column(sa.ForeignKey("seller_orders.id"), index=True)
    #: status before (NULL when it was placed)
    from_status: Mapped[SellerOrderStatus | None] = mapped_column(enum_type(SellerOrderStatus))
    #: status after
    to_status: Mapped[SellerOrderStatus] = mapped_column(enum_type(SellerOrderStatus))
    #: who moved it; NULL for a guest buyer or the system
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    #: a reason or remark, e.g. the cancel reason
    note: Mapped[str] = mapped_column(sa.Text, default="")
    #: when (UTC)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)


class CapacityBooking(db.Model):
    """Made-to-order units booked for one product of a shop on one day (guarded per row)."""

    __tablename__ = "capacity_bookings"
    __table_args__ = (
        sa.UniqueConstraint("product_id", "day", name="uq_capacity_bookings_product_day"),
        sa.CheckConstraint("booked >= 0", name="booked_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the shop that makes it
    shop_id: Mapped[int] = mapped_column(sa.ForeignKey("shops.id"), index=True)
    #: the made-to-order product
    product_id: Mapped[int] = mapped_column(sa.ForeignKey("products.id"))
    #: the day it must be ready (Kupang date)
    day: Mapped[date] = mapped_column(sa.Date)
    #: units already promised for that day
    booked: Mapped[int] = mapped_column(sa.Integer, default=0)
