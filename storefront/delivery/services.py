"""Reading and setting a seller's delivery fees. Flushes, never commits."""
from __future__ import annotations

from collections.abc import Iterable, Mapping

import sqlalchemy as sa

from storefront.delivery.models import DeliveryFee
from storefront.domain.areas import KOTA_KUPANG
from storefront.extensions import db


class UnknownArea(ValueError):
    """Not a kecamatan of Kota Kupang."""


def fees_of(shop_id: int) -> dict[str, int]:
    """Her fees by kecamatan; a kecamatan missing here is one she does not deliver to."""
    rows = db.session.scalars(sa.select(DeliveryFee).where(DeliveryFee.shop_id == shop_id))
    return {row.area: row.fee for row in rows}


def fees_to(area: str, shop_ids: Iterable[int]) -> dict[int, int]:
    """For one kecamatan: each shop that delivers there, with her fee (one query)."""
    ids = list(shop_ids)
    if not ids or area not in KOTA_KUPANG:
        return {}
    rows = db.session.execute(
        sa.select(DeliveryFee.shop_id, DeliveryFee.fee)
        .where(DeliveryFee.area == area, DeliveryFee.shop_id.in_(ids)))
    return {shop_id: fee for shop_id, fee in rows}


def set_fees(shop_id: int, fees: Mapping[str, int | None]) -> None:
    """Replace her fees: an area with ``None`` is one she does not deliver to."""
    for area in fees:
        if area not in KOTA_KUPANG:
            raise UnknownArea(area)
    existing = {row.area: row for row in db.session.scalars(
        sa.select(DeliveryFee).where(DeliveryFee.shop_id == shop_id))}
    for area, fee in fees.items():
        row = existing.get(area)
        if fee is None:
            if row is not None:
                db.session.delete(row)
        elif row is None:
            db.session.add(DeliveryFee(shop_id=shop_id, area=area, fee=fee))
        else:
            row.fee = fee
    db.session.flush()
