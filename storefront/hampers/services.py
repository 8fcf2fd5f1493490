"""Composing hampers and telling whether one can be bought now. Flushes, never commits."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from storefront.accounts.models import User
from storefront.audit.services import record
from storefront.catalog.models import Product
from storefront.curation.models import Collection
from storefront.domain import hampers as rules
from storefront.domain.listing import ListingStatus
from storefront.domain.slugs import slugify
from storefront.extensions import db
from storefront.hampers.models import Hamper, HamperComponent, collection_hampers
from storefront.pickup.models import PickupPoint


class UnknownProduct(rules.HamperError):
    """A component that is not an approved product."""


def _load_query():
    return sa.select(Hamper).options(
        selectinload(Hamper.point),
        selectinload(Hamper.components).selectinload(HamperComponent.product)
        .selectinload(Product.shop),
        selectinload(Hamper.components).selectinload(HamperComponent.product)
        .selectinload(Product.photos))


def get(hamper_id: int) -> Hamper | None:
    return db.session.scalar(_load_query().where(Hamper.id == hamper_id))


def by_slug(slug: str) -> Hamper | None:
    return db.session.scalar(_load_query().where(Hamper.slug == slug))


def listed(*, include_archived: bool = False) -> list[Hamper]:
    query = _load_query().order_by(Hamper.name)
    if not include_archived:
        query = query.where(Hamper.active)
    return list(db.session.scalars(query))


def parts(hamper: Hamper) -> list[rules.Part]:
    return [rules.Part(product_id=c.product_id, quantity=c.quantity,
                       approved=c.product.status == ListingStatus.APPROVED,
                       shop_takes_orders=c.product.shop.takes_orders,
                       stock=c.product.stock, made_to_order=c.product.made_to_order)
            for c in hamper.components]


def is_available(hamper: Hamper) -> bool:
    """Active, its point open, and every component can be had now."""
    return (hamper.active and hamper.point.active and bool(hamper.components)
            and not rules.missing_parts(parts(hamper)))


def lead_days(hamper: Hamper) -> int:
    return max((c.product.lead_days or 0 for c in hamper.components
                if c.product.made_to_order), default=0)


def compose(*, name: str, description: str, price: int, point: PickupPoint,
            components: list[tuple[int, int, int]], staff: User,
            hamper: Hamper | None = None) -> Hamper:
    """``components`` is ``[(product id, quantity, unit share)]``; shares must add up to price."""
    ids = [pid for pid, _q, _s in components]
    if len(set(ids)) != len(ids) or not ids:
        raise rules.BadShare(ids)
    products = {p.id: p for p in db.session.scalars(
        sa.select(Product).where(Product.id.in_(ids), Product.status == ListingStatus.APPROVED))}
    if set(products) != set(ids):
        raise UnknownProduct(sorted(set(ids) - set(products)))
    per_shop: dict[int, int] = {}
    for pid, qty, share in components:
        if qty < 1 or share < 0:
            raise rules.BadShare(pid)
        shop = products[pid].shop_id
        per_shop[shop] = per_shop.get(shop, 0) + qty * share
    rules.check_shares(price, per_shop)
    if hamper is None:
        hamper = Hamper(slug=_free_slug(name))
        db.session.add(hamper)
    hamper.name, hamper.description, hamper.price = name.strip(), description.strip(), price
    hamper.point_id = point.id
    if hamper.components:  # old rows go first: the new ones may name the same products
        hamper.components = []
        db.session.flush()
    hamper.components = [HamperComponent(product_id=pid, quantity=qty, unit_share=share)
                         for pid, qty, share in sorted(components)]
    db.session.flush()
    record(staff, "hamper.save", subject=f"hamper:{hamper.id}")
    return hamper


def _free_slug(name: str) -> str:
    base = slugify(name) or "hamper"
    slug, n = base, 1
    while db.session.scalar(sa.select(Hamper.id).where(Hamper.slug == slug)) is not None:
        n += 1
        slug = f"{base}-{n}"
    return slug


def archive(hamper: Hamper, staff: User) -> None:
    hamper.active = False
    record(staff, "hamper.archive", subject=f"hamper:{hamper.id}")
    db.session.flush()


def feature(hamper: Hamper, collection: Collection, staff: User, on: bool = True) -> None:
    db.session.execute(sa.delete(collection_hampers).where(
        collection_hampers.c.hamper_id == hamper.id,
        collection_hampers.c.collection_id == collection.id))
    if on:
        db.session.execute(sa.insert(collection_hampers).values(
            hamper_id=hamper.id, collection_id=collection.id))
    record(staff, "hamper.feature" if on else "hamper.unfeature",
           subject=f"hamper:{hamper.id} collection:{collection.id}")
    db.session.flush()


def in_collection(collection_id: int) -> list[Hamper]:
    ids = db.session.scalars(sa.select(collection_hampers.c.hamper_id).where(
        collection_hampers.c.collection_id == collection_id)).all()
    if not ids:
        return []
    return [h for h in db.session.scalars(_load_query().where(Hamper.id.in_(ids)))
            if is_available(h)]
