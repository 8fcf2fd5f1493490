"""The demo's Hari Ibu: the "Hadiah Hari Ibu" collection, two pickup points and a hamper from
three sellers. Idempotent like the rest of the demo: what exists is left alone."""
from __future__ import annotations

import sqlalchemy as sa
from flask import current_app

from storefront import clock
from storefront.accounts.models import User
from storefront.catalog.models import Product
from storefront.curation.models import Collection
from storefront.domain.areas import KOTA_KUPANG
from storefront.domain.campaign import season
from storefront.domain.listing import ListingStatus
from storefront.extensions import db
from storefront.hampers import services as hampers
from storefront.hampers.models import Hamper
from storefront.pickup import services as pickup
from storefront.pickup.models import PickupPoint
from storefront.shops.models import Shop

#: Two fictional community pickup points in Kota Kupang.
POINTS = [
    {"name": "Posko Women Care Day Oebobo", "address": "Jl. Contoh Raya No. 12, Oebobo, "
     "di samping kios pulsa, pagar hijau", "opening_hours": "Senin–Sabtu 09.00–17.00"},
    {"name": "Balai Mama Maulafa", "address": "Jl. Percontohan No. 3, Maulafa, "
     "depan gereja, rumah bercat biru", "opening_hours": "Senin–Jumat 10.00–16.00"},
]


def seed_points(staff: User, shop_ids: list[int]) -> bool:
    if db.session.scalar(sa.select(sa.func.count(PickupPoint.id))):
        return False
    points = [pickup.save_point(None, staff, **spec) for spec in POINTS]
    for shop in db.session.scalars(sa.select(Shop).where(Shop.id.in_(shop_ids),
                                                          Shop.area.in_(KOTA_KUPANG))):
        pickup.set_shop_points(shop, {p.id for p in points})
    return True


def seed_collection(shop_ids: list[int]) -> bool:
    """The "Hadiah Hari Ibu" collection, shown through the season: ready products, 2 per shop."""
    config = current_app.config
    slug = config.get("HARI_IBU_COLLECTION", "hadiah-hari-ibu")
    if db.session.scalar(sa.select(Collection.id).where(Collection.slug == slug)):
        return False
    starts, ends = season(clock.today_local(), config.get("HARI_IBU_SEASON_START", "12-01"),
                          config.get("HARI_IBU_DATE", "12-22"))
    chosen: list[Product] = []
    for shop_id in shop_ids:
        chosen += db.session.scalars(
            sa.select(Product).where(Product.shop_id == shop_id,
                                     Product.status == ListingStatus.APPROVED,
                                     Product.made_to_order.is_(False))
            .order_by(Product.id).limit(2)).all()
    collection = Collection(slug=slug, name="Hadiah Hari Ibu", position=0, starts_on=starts,
                            ends_on=ends, banner="Hadiah buatan tangan para mama untuk Hari Ibu.")
    collection.products.extend(chosen)
    db.session.add(collection)
    db.session.flush()
    return True


def seed_hamper(staff: User, shop_ids: list[int]) -> bool:
    """One hamper from three sellers' ready products, each seller's share her product's price."""
    if db.session.scalar(sa.select(sa.func.count(Hamper.id))):
        return False
    point = db.session.scalars(sa.select(PickupPoint).order_by(PickupPoint.id)).first()
    parts = []
    for shop_id in shop_ids:
        product = db.session.scalars(
            sa.select(Product).where(Product.shop_id == shop_id, Product.stock > 0,
                                     Product.status == ListingStatus.APPROVED,
                                     Product.price <= 100_000)
            .order_by(Product.price)).first()
        if product is not None:
            parts.append((product.id, 1, product.price))
        if len(parts) == 3:
            break
    if point is None or len(parts) < 3:
        return False
    hampers.compose(name="Hamper Hari Ibu Tiga Mama", description="Tiga hadiah dari tiga mama "
                    "penjual, dirangkai dalam satu keranjang lontar.",
                    price=sum(share for _p, _q, share in parts), point=point, components=parts,
                    staff=staff)
    return True


def seed_season(staff: User, shop_ids: list[int]) -> bool:
    added = seed_points(staff, shop_ids)
    added = seed_collection(shop_ids) or added
    return seed_hamper(staff, shop_ids) or added
