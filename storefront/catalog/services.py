"""A seller's products: create, edit, duplicate, archive, stock and photos. Flushes, never commits.

Status changes go through ``listing_services`` so the curation table stays the one rule.
Photos arrive already rendered (``media.images.render``), so a refused upload never
reaches storage.
"""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from storefront.catalog.listing_services import move, record_edit, submit_for_review
from storefront.catalog.models import Category, CategoryKind, HalalStatus, Product, ProductPhoto
from storefront.domain.listing import ListingStatus
from storefront.domain.slugs import slugify, unique_slug
from storefront.extensions import db
from storefront.jobs import after_commit
from storefront.media.images import Rendition
from storefront.media.storage import delete_photo, store_renditions
from storefront.shops.models import Shop

#: Most photos one product may have.
MAX_PHOTOS = 5
#: Fields every product has.
COMMON_FIELDS = ("name", "description", "price", "made_to_order", "stock", "lead_days",
                 "daily_capacity")
#: Fields asked only for food.
FOOD_FIELDS = ("pirt_number", "pirt_in_process", "halal_status", "shelf_life_days", "allergens")
#: Fields asked only for crafts.
CRAFT_FIELDS = ("material", "size")


class TooManyPhotos(ValueError):
    """A product would have more than MAX_PHOTOS photos."""


class NotMadeToOrder(ValueError):
    """Stock was set on a made-to-order product, which has none."""


def fields_for(kind: CategoryKind) -> tuple[str, ...]:
    return COMMON_FIELDS + (FOOD_FIELDS if kind == CategoryKind.FOOD else CRAFT_FIELDS)


def _clean(values: dict[str, Any], kind: CategoryKind) -> dict[str, Any]:
    """Only the fields this kind of product has; stock or lead time, never both."""
    data = {name: values.get(name) for name in fields_for(kind)}
    for name in ("description", "pirt_number", "allergens", "material", "size"):
        if name in data:
            data[name] = (data[name] or "").strip()
    data["name"] = (data["name"] or "").strip()
    data["made_to_order"] = bool(data["made_to_order"])
    if data["made_to_order"]:
        data["stock"] = None
    else:
        data["lead_days"] = data["daily_capacity"] = None
    if kind == CategoryKind.FOOD:
        data["halal_status"] = HalalStatus(data["halal_status"] or HalalStatus.UNKNOWN)
        data["pirt_in_process"] = bool(data["pirt_in_process"])
    return data


def _free_slug(name: str) -> str:
    base = slugify(name, max_length=100)
    taken = set(db.session.scalars(sa.select(Product.slug).where(Product.slug.like(f"{base}%"))))
    return unique_slug(base, taken)


def _add_photos(product: Product, photos: list[list[Rendition]]) -> None:
    if len(product.photos) + len(photos) > MAX_PHOTOS:
        raise TooManyPhotos(len(product.photos) + len(photos))
    for renditions in photos:
        key, full = store_renditions(renditions, f"products/{product.id}")
        product.photos.append(ProductPhoto(key=key, position=len(product.photos),
                                           width=full.width, height=full.height))


def create_product(shop: Shop, category: Category, values: dict[str, Any],
                   photos: list[list[Rendition]] = ()) -> Product:
    """A new draft; ``values`` holds the form's fields, ``photos`` rendered uploads."""
    if len(photos) > MAX_PHOTOS:
        raise TooManyPhotos(len(photos))
    data = _clean(values, category.kind)
    product = Product(shop_id=shop.id, category_id=category.id, slug=_free_slug(data["name"]),
                      status=ListingStatus.DRAFT, **data)
    product.category = category
    db.session.add(product)
    db.session.flush()
    _add_photos(product, list(photos))
    db.session.flush()
    return product


def update_product(product: Product, category: Category, values: dict[str, Any],
                   photos: list[list[Rendition]] = ()) -> set[str]:
    """Apply an edit; an approved product whose reviewed facts changed goes back to review.

    Returns the names of the fields that changed.
    """
    if len(product.photos) + len(photos) > MAX_PHOTOS:
        raise TooManyPhotos(len(product.photos) + len(photos))
    changed: set[str] = set()
    if category.id != product.category_id:
        changed.add("category_id")
        product.category_id = category.id
        product.category = category
        for name in FOOD_FIELDS + CRAFT_FIELDS:
            if name not in fields_for(category.kind):
                setattr(product, name, Product.__table__.c[name].default.arg
                        if Product.__table__.c[name].default is not None else None)
    for name, value in _clean(values, category.kind).items():
        if getattr(product, name) != value:
            setattr(product, name, value)
            changed.add(name)
    if photos:
        _add_photos(product, list(photos))
        changed.add("photos")
    db.session.flush()
    record_edit(product, changed)
    return changed


def set_stock(product: Product, stock: int) -> Product:
    """Stock never needs review."""
    if product.made_to_order:
        raise NotMadeToOrder(product.id)
    product.stock = max(0, stock)
    db.session.flush()
    return product


def duplicate_product(product: Product) -> Product:
    """A draft copy with the same facts (photos are not copied: she adds them again)."""
    copy = Product(shop_id=product.shop_id, category_id=product.category_id,
                   status=ListingStatus.DRAFT)
    for name in fields_for(product.category.kind):
        setattr(copy, name, getattr(product, name))
    copy.name = f"{product.name} (2)"[:120]
    copy.slug = _free_slug(copy.name)
    db.session.add(copy)
    db.session.flush()
    return copy


def archive_product(product: Product) -> Product:
    return move(product, ListingStatus.ARCHIVED)


def restore_product(product: Product) -> Product:
    return move(product, ListingStatus.DRAFT)


def submit_product(product: Product) -> Product:
    return submit_for_review(product)


def remove_photo(product: Product, photo: ProductPhoto) -> None:
    """Remove one photo and its files; the rest close up their order."""
    product.photos.remove(photo)
    for position, rest in enumerate(product.photos):
        rest.position = position
    after_commit(delete_photo, photo.key)
    db.session.flush()
    record_edit(product, {"photos"})


def move_photo(product: Product, photo: ProductPhoto, step: int) -> None:
    """Move a photo one place earlier (-1) or later (+1); first place is the cover."""
    photos = list(product.photos)
    index = photos.index(photo)
    target = index + step
    if not 0 <= target < len(photos):
        return
    photos[index], photos[target] = photos[target], photos[index]
    for position, item in enumerate(photos):
        item.position = position
    db.session.flush()
    db.session.refresh(product, ["photos"])
    record_edit(product, {"photos"})
