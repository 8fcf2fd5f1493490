"""Plain visit counters: per shop, per day, per source. No cookie, no personal data."""
from __future__ import annotations

import enum
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from storefront.dbtypes import enum_type
from storefront.extensions import db


class VisitSource(enum.StrEnum):
    #: the QR code on her printed shop poster
    POSTER = "poster"
    #: the QR code on a printed product label
    LABEL = "label"
    #: a link she shared on WhatsApp
    WA = "wa"


class ShopVisit(db.Model):
    __tablename__ = "shop_visits"
    __table_args__ = (
        sa.UniqueConstraint("shop_id", "day", "source", name="uq_shop_visits_shop_day_source"),
        sa.CheckConstraint("count >= 0", name="count_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the shop visited (directly, or through one of its products)
    shop_id: Mapped[int] = mapped_column(sa.ForeignKey("shops.id"), index=True)
    #: the day in Kupang (WITA)
    day: Mapped[date] = mapped_column(sa.Date)
    #: where the visitor came from (the ?src= tag)
    source: Mapped[VisitSource] = mapped_column(enum_type(VisitSource, length=12))
    #: how many page views arrived that day from that source
    count: Mapped[int] = mapped_column(sa.Integer, default=0)
