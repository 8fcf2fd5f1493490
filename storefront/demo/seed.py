"""Load the demo shop. Idempotent: whatever already exists (by slug) is left alone."""
from __future__ import annotations

import functools
from datetime import timedelta

import sqlalchemy as sa

from storefront import clock
from storefront.accounts.models import Role, User
from storefront.accounts.services import create_user
from storefront.catalog.models import Category, CategoryKind, HalalStatus, Product, ProductPhoto
from storefront.demo import data, pictures
from storefront.demo.season import seed_season
from storefront.domain.listing import ListingStatus
from storefront.domain.phone import normalise_phone
from storefront.domain.slugs import slugify
from storefront.extensions import db
from storefront.media.images import Rendition, render
from storefront.media.storage import store_renditions
from storefront.shops.models import Shop


def seed_categories() -> dict[str, Category]:
    existing = {c.slug: c for c in db.session.scalars(sa.select(Category))}
    for position, (slug, name_id, name_en, kind, _colour) in enumerate(data.CATEGORIES):
        if slug not in existing:
            existing[slug] = Category(slug=slug, name_id=name_id, name_en=name_en,
                                      kind=CategoryKind(kind), position=position)
            db.session.add(existing[slug])
    db.session.flush()
    return existing


def seed_staff() -> None:
    staff = data.STAFF
    if db.session.scalar(sa.select(User).where(User.email == staff["email"])) is None:
        user = create_user(staff["name"], staff["password"], Role.STAFF, email=staff["email"])
        user.permissions = "admin"  # the demo staff member may open Staff permissions


def _product(shop: Shop, category: Category, spec: tuple, age_days: int) -> Product:
    name, _cat, price, stock, description, facts = spec
    made_to_order = stock is None
    created = clock.now() - timedelta(days=age_days)
    product = Product(
        shop_id=shop.id, category_id=category.id, slug=slugify(name), name=name,
        description=description, price=price, made_to_order=made_to_order,
        stock=None if made_to_order else stock,
        lead_days=facts.get("lead"), daily_capacity=facts.get("capacity"),
        status=ListingStatus.APPROVED, created_at=created, submitted_at=created,
        approved_at=created, featured=age_days % 5 == 0,
    )
    if category.kind == CategoryKind.FOOD:
        product.pirt_number = facts.get("pirt", "")
        product.pirt_in_process = facts.get("pirt_in_process", False)
        product.halal_status = HalalStatus(facts.get("halal", "unknown"))
        product.shelf_life_days = facts.get("shelf")
        product.allergens = facts.get("allergens", "")
    else:
        product.material = facts.get("material", "")
        product.size = facts.get("size", "")
    return product


@functools.cache
def _demo_renditions(label: str, colour: tuple[int, int, int]) -> list[Rendition]:
    """Drawn and resized once per process (the tests seed many times)."""
    return render(pictures.draw(label, colour))


def _add_photo(product: Product, colour: tuple[int, int, int]) -> None:
    key, full = store_renditions(_demo_renditions(product.name, colour), f"products/{product.slug}")
    product.photos.append(ProductPhoto(key=key, position=0, width=full.width, height=full.height))


def seed_seller(spec: dict, categories: dict[str, Category], index: int) -> None:
    if db.session.scalar(sa.select(Shop).where(Shop.slug == spec["slug"])) is not None:
        return
    owner = create_user(spec["name"], data.SELLER_PASSWORD, Role.SELLER, phone=spec["phone"])
    shop = Shop(owner_id=owner.id, slug=spec["slug"], name=spec["shop"], story=spec["story"],
                story_public=spec["story_public"], area=spec["area"],
                whatsapp=normalise_phone(spec["phone"]),
                pickup_address=f"Jl. Contoh No. {index + 1}, {spec['area']}, Kupang",
                created_at=clock.now() - timedelta(days=120 - index))
    db.session.add(shop)
    db.session.flush()
    colours = {c[0]: c[4] for c in data.CATEGORIES}
    for n, product_spec in enumerate(spec["products"]):
        category = categories[product_spec[1]]
        product = _product(shop, category, product_spec, age_days=index * 6 + n)
        db.session.add(product)
        _add_photo(product, colours[category.slug])
    db.session.flush()


def seed_demo() -> bool:
    """Load whatever part of the demo is missing; True if anything was added."""
    before = db.session.scalar(sa.select(sa.func.count()).select_from(Shop))
    categories = seed_categories()
    seed_staff()
    for index, spec in enumerate(data.SELLERS):
        seed_seller(spec, categories, index)
    fees_added = seed_delivery_fees()
    staff = db.session.scalar(sa.select(User).where(User.email == data.STAFF["email"]))
    shop_ids = list(db.session.scalars(sa.select(Shop.id).where(
        Shop.slug.in_([spec["slug"] for spec in data.SELLERS])).order_by(Shop.id)))
    season_added = seed_season(staff, shop_ids)
    after = db.session.scalar(sa.select(sa.func.count()).select_from(Shop))
    return after != before or fees_added or season_added


def seed_delivery_fees() -> bool:
    """Demo sellers in Kota Kupang deliver in the city; only shops with no fees yet get them."""
    from storefront.delivery.models import DeliveryFee
    from storefront.domain.areas import KOTA_KUPANG

    with_fees = set(db.session.scalars(sa.select(DeliveryFee.shop_id).distinct()))
    slugs = [spec["slug"] for spec in data.SELLERS]
    shops = db.session.scalars(sa.select(Shop).where(Shop.slug.in_(slugs))).all()
    added = False
    for shop in shops:
        if shop.id in with_fees or shop.area not in KOTA_KUPANG:
            continue
        for area in KOTA_KUPANG:
            db.session.add(DeliveryFee(shop_id=shop.id, area=area,
                                       fee=5000 if area == shop.area else 10000))
        added = True
    db.session.flush()
    return added
