"""One-tap order links that were used: each link's nonce, once."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from storefront import clock
from storefront.extensions import db


class UsedOrderLink(db.Model):
    """A signed order-action link that has acted; the UNIQUE nonce makes a replay fail."""

    __tablename__ = "used_order_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the random nonce inside the signed link
    nonce: Mapped[str] = mapped_column(sa.String(32), unique=True)
    #: the seller order it acted on
    seller_order_id: Mapped[int] = mapped_column(sa.ForeignKey("seller_orders.id"), index=True)
    #: what it did: "accept" or "ready"
    action: Mapped[str] = mapped_column(sa.String(12))
    #: when it was used (UTC)
    used_at: Mapped[datetime] = mapped_column(default=clock.now)
