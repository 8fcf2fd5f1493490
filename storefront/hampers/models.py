"""Hari Ibu hampers: several sellers' products in one gift, each seller's share fixed."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storefront import clock
from storefront.catalog.models import Product
from storefront.extensions import db
from storefront.pickup.models import PickupPoint

#: Hampers featured in a curated collection.
collection_hampers = sa.Table(
    "collection_hampers", db.metadata,
    sa.Column("collection_id", sa.ForeignKey("collections.id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("hamper_id", sa.ForeignKey("hampers.id", ondelete="CASCADE"), primary_key=True),
)


class Hamper(db.Model):
    __tablename__ = "hampers"
    __table_args__ = (sa.CheckConstraint("price >= 0", name="price_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: part of its public address, /hampers/<slug>
    slug: Mapped[str] = mapped_column(sa.String(120), unique=True)
    #: its name, e.g. "Hamper Hari Ibu Kupang"
    name: Mapped[str] = mapped_column(sa.String(120))
    #: what is inside and who made it
    description: Mapped[str] = mapped_column(sa.Text, default="")
    #: price of one hamper in rupiah; the components' shares add up to it
    price: Mapped[int] = mapped_column(sa.Integer)
    #: where it is put together and picked up
    point_id: Mapped[int] = mapped_column(sa.ForeignKey("pickup_points.id"))
    #: false once staff archive it
    active: Mapped[bool] = mapped_column(default=True)
    #: when staff composed it (UTC)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    point: Mapped[PickupPoint] = relationship()
    components: Mapped[list[HamperComponent]] = relationship(
        back_populates="hamper", order_by="HamperComponent.product_id",
        cascade="all, delete-orphan")


class HamperComponent(db.Model):
    """One seller's product in a hamper, with what she is paid for it per hamper."""

    __tablename__ = "hamper_components"
    __table_args__ = (
        sa.UniqueConstraint("hamper_id", "product_id", name="uq_hamper_components_product"),
        sa.CheckConstraint("quantity > 0", name="quantity_positive"),
        sa.CheckConstraint("unit_share >= 0", name="unit_share_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the hamper
    hamper_id: Mapped[int] = mapped_column(sa.ForeignKey("hampers.id"), index=True)
    #: the seller's product inside it
    product_id: Mapped[int] = mapped_column(sa.ForeignKey("products.id"), index=True)
    #: units of that product in one hamper
    quantity: Mapped[int] = mapped_column(sa.Integer, default=1)
    #: rupiah paid to her for each unit in a hamper
    unit_share: Mapped[int] = mapped_column(sa.Integer)

    hamper: Mapped[Hamper] = relationship(back_populates="components")
    product: Mapped[Product] = relationship()

    @property
    def share(self) -> int:
        return self.unit_share * self.quantity


class HamperOrderPart(db.Model):
    """Marks a seller order as her part of a hamper order."""

    __tablename__ = "hamper_order_parts"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the seller order holding her component(s)
    seller_order_id: Mapped[int] = mapped_column(sa.ForeignKey("seller_orders.id"), unique=True)
    #: the hamper bought
    hamper_id: Mapped[int] = mapped_column(sa.ForeignKey("hampers.id"), index=True)
    #: how many hampers
    quantity: Mapped[int] = mapped_column(sa.Integer)

    hamper: Mapped[Hamper] = relationship()
