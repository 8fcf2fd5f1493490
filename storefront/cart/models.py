"""A logged-in buyer's cart, kept in the database."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from storefront import clock
from storefront.extensions import db


class CartItem(db.Model):
    __tablename__ = "cart_items"
    __table_args__ = (
        sa.UniqueConstraint("user_id", "product_id", name="uq_cart_items_user_product"),
        sa.CheckConstraint("quantity > 0", name="quantity_positive"),
        sa.CheckConstraint("price_seen >= 0", name="price_seen_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the buyer
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    #: the product in her cart
    product_id: Mapped[int] = mapped_column(sa.ForeignKey("products.id"))
    #: how many she wants
    quantity: Mapped[int] = mapped_column(sa.Integer)
    #: the price she saw when she added it, to warn her if it changed
    price_seen: Mapped[int] = mapped_column(sa.Integer)
    #: when she added it (UTC)
    added_at: Mapped[datetime] = mapped_column(default=clock.now)
