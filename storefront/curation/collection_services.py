"""Staff build collections. Flushes, never commits."""
from __future__ import annotations

from datetime import date

from storefront.accounts.models import User
from storefront.audit.services import record
from storefront.catalog.models import Product
from storefront.curation.models import Collection
from storefront.domain.curation import check_collection_dates
from storefront.extensions import db


class SlugTaken(ValueError):
    """Another collection already uses this address."""


def _slug_free(slug: str, collection: Collection | None) -> None:
    other = db.session.scalar(db.select(Collection).where(Collection.slug == slug))
    if other is not None and other is not collection:
        raise SlugTaken(slug)


def save(staff: User, collection: Collection | None, *, name: str, slug: str, banner: str,
         position: int, starts_on: date | None, ends_on: date | None) -> Collection:
    """Create (``collection`` None) or change a collection; raises InvalidCollectionDates, SlugTaken."""
    check_collection_dates(starts_on, ends_on)
    _slug_free(slug, collection)
    created = collection is None
    collection = collection or Collection()
    collection.name, collection.slug, collection.banner = name.strip(), slug, banner.strip()
    collection.position, collection.starts_on, collection.ends_on = position, starts_on, ends_on
    db.session.add(collection)
    db.session.flush()
    record(staff, "collection.create" if created else "collection.update",
           subject=f"collection:{collection.id}", reason=collection.name)
    return collection


def add_product(staff: User, collection: Collection, product: Product) -> bool:
    """Add a product; False when it was already in the collection."""
    if product in collection.products:
        return False
    collection.products.append(product)
    record(staff, "collection.add_product", shop_id=product.shop_id, product_id=product.id,
           subject=f"collection:{collection.id}", reason=collection.name)
    db.session.flush()
    return True


def remove_product(staff: User, collection: Collection, product: Product) -> bool:
    if product not in collection.products:
        return False
    collection.products.remove(product)
    record(staff, "collection.remove_product", shop_id=product.shop_id, product_id=product.id,
           subject=f"collection:{collection.id}", reason=collection.name)
    db.session.flush()
    return True
