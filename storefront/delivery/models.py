"""A seller's delivery fee for one kecamatan of Kota Kupang."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from storefront.extensions import db


class DeliveryFee(db.Model):
    __tablename__ = "delivery_fees"
    __table_args__ = (
        sa.UniqueConstraint("shop_id", "area", name="uq_delivery_fees_shop_area"),
        sa.CheckConstraint("fee >= 0", name="fee_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the shop that delivers
    shop_id: Mapped[int] = mapped_column(sa.ForeignKey("shops.id"), index=True)
    #: a kecamatan of Kota Kupang (domain.areas.KOTA_KUPANG)
    area: Mapped[str] = mapped_column(sa.String(60))
    #: what she charges to deliver there, in rupiah (0 = free)
    fee: Mapped[int] = mapped_column(sa.Integer)
