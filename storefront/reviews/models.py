"""One review per order line, the seller's one reply, and staff hiding with a reason."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storefront import clock
from storefront.catalog.models import Product
from storefront.extensions import db
from storefront.orders.models import OrderLine


class Review(db.Model):
    __tablename__ = "reviews"
    __table_args__ = (
        sa.CheckConstraint("rating >= 1 AND rating <= 5", name="rating_one_to_five"),
        sa.Index("ix_reviews_product_hidden", "product_id", "hidden_at"),
        sa.Index("ix_reviews_shop_hidden", "shop_id", "hidden_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the order line bought; one review per line, ever
    order_line_id: Mapped[int] = mapped_column(sa.ForeignKey("order_lines.id"), unique=True)
    #: the product reviewed (copied from the line, for averages)
    product_id: Mapped[int] = mapped_column(sa.ForeignKey("products.id"))
    #: the shop that sold it (copied from the seller order, for averages and her list)
    shop_id: Mapped[int] = mapped_column(sa.ForeignKey("shops.id"))
    #: stars from 1 to 5
    rating: Mapped[int] = mapped_column(sa.Integer)
    #: what she wrote, plain text (may be empty)
    text: Mapped[str] = mapped_column(sa.Text, default="")
    #: the name shown: her first name and an initial, e.g. "Maria T."
    author_name: Mapped[str] = mapped_column(sa.String(40), default="")
    #: when it was written (UTC)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    #: the seller's one reply, plain text ("" until she replies)
    reply: Mapped[str] = mapped_column(sa.Text, default="")
    #: when the seller replied (UTC), NULL before
    replied_at: Mapped[datetime | None] = mapped_column()
    #: when staff hid it (UTC); NULL while it is shown
    hidden_at: Mapped[datetime | None] = mapped_column()
    #: the staff member who hid it
    hidden_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    #: why staff hid it
    hidden_reason: Mapped[str] = mapped_column(sa.Text, default="")

    line: Mapped[OrderLine] = relationship()
    product: Mapped[Product] = relationship()

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None
