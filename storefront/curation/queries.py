"""Read-only queries for the staff pages and the public collection pages.

Each list loads in a fixed number of queries, however long it is.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import aliased, contains_eager, selectinload

from storefront import clock
from storefront.accounts.models import User
from storefront.audit.models import AuditEntry
from storefront.catalog import queries as catalog_queries
from storefront.catalog.models import Category, Product
from storefront.curation.models import ApprovedVersion, Collection, collection_items, snapshot
from storefront.domain.curation import Change, FoodProblem, changes_since, food_problems
from storefront.domain.listing import ListingStatus
from storefront.extensions import db
from storefront.shops.models import Shop


@dataclass
class QueueItem:
    """A pending product with what staff must look at."""

    product: Product
    changes: list[Change] = field(default_factory=list)
    first_review: bool = True
    problems: list[FoodProblem] = field(default_factory=list)


def _latest_versions(product_ids: list[int]) -> dict[int, dict]:
    if not product_ids:
        return {}
    latest = (sa.select(sa.func.max(ApprovedVersion.id))
              .where(ApprovedVersion.product_id.in_(product_ids))
              .group_by(ApprovedVersion.product_id))
    rows = db.session.scalars(sa.select(ApprovedVersion).where(ApprovedVersion.id.in_(latest)))
    return {row.product_id: row.data for row in rows}


def _queue_item(product: Product, approved: dict | None) -> QueueItem:
    return QueueItem(
        product=product,
        changes=changes_since(approved, snapshot(product)),
        first_review=approved is None,
        problems=food_problems(product.is_food, product.pirt_number, product.pirt_in_process,
                               product.shelf_life_days),
    )


def _pending() -> sa.Select:
    return (sa.select(Product).join(Product.shop).join(Product.category)
            .where(Product.status == ListingStatus.PENDING_REVIEW)
            .options(contains_eager(Product.shop), contains_eager(Product.category),
                     selectinload(Product.photos)))


def review_queue(limit: int = 200) -> list[QueueItem]:
    """Pending products, oldest submission first."""
    stmt = _pending().order_by(Product.submitted_at.asc().nulls_first(), Product.id).limit(limit)
    products = list(db.session.scalars(stmt).unique())
    versions = _latest_versions([p.id for p in products])
    return [_queue_item(p, versions.get(p.id)) for p in products]


def queue_entry(product_id: int) -> QueueItem | None:
    """One product for review, whatever its status (the page says when it is not pending)."""
    stmt = (sa.select(Product).join(Product.shop).join(Product.category)
            .where(Product.id == product_id)
            .options(contains_eager(Product.shop), contains_eager(Product.category),
                     selectinload(Product.photos)))
    product = db.session.scalars(stmt).unique().first()
    if product is None:
        return None
    return _queue_item(product, _latest_versions([product.id]).get(product.id))


def category_names() -> dict[int, str]:
    return {c.id: c.name_id for c in db.session.scalars(sa.select(Category))}


@dataclass
class ShopRow:
    shop: Shop
    owner: User
    public_count: int
    pending_count: int


def shops() -> list[ShopRow]:
    """Every shop with its owner and product counts, by name."""
    public = sa.func.count(Product.id).filter(Product.status == ListingStatus.APPROVED)
    pending = sa.func.count(Product.id).filter(Product.status == ListingStatus.PENDING_REVIEW)
    stmt = (sa.select(Shop, User, public, pending)
            .join(User, User.id == Shop.owner_id)
            .outerjoin(Product, Product.shop_id == Shop.id)
            .group_by(Shop.id, User.id).order_by(Shop.name, Shop.id))
    return [ShopRow(*row) for row in db.session.execute(stmt)]


def approved_products(text: str, page: int, size: int) -> catalog_queries.Page:
    """Approved products of every shop (suspended too), for featuring and collections."""
    stmt = (sa.select(Product).join(Product.shop).join(Product.category)
            .where(Product.status == ListingStatus.APPROVED)
            .options(contains_eager(Product.shop), contains_eager(Product.category),
                     selectinload(Product.photos)))
    for term in catalog_queries.search_terms(text):
        stmt = stmt.where(sa.or_(catalog_queries._contains(Product.name, term),
                                 catalog_queries._contains(Shop.name, term)))
    stmt = stmt.order_by(Product.featured.desc(), Product.name, Product.id)
    return catalog_queries.paginate(stmt, page, size)


@dataclass
class AuditRow:
    entry: AuditEntry
    actor_name: str | None
    shop_name: str | None
    product_name: str | None


def audit_log(shop_id: int | None, product_id: int | None, page: int, size: int):
    """Newest first, optionally for one shop or one product, with names joined in one query."""
    actor = aliased(User)
    stmt = (sa.select(AuditEntry, actor.name, Shop.name, Product.name)
            .outerjoin(actor, actor.id == AuditEntry.actor_id)
            .outerjoin(Shop, Shop.id == AuditEntry.shop_id)
            .outerjoin(Product, Product.id == AuditEntry.product_id)
            .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc()))
    if shop_id:
        stmt = stmt.where(AuditEntry.shop_id == shop_id)
    if product_id:
        stmt = stmt.where(AuditEntry.product_id == product_id)
    page = max(1, min(page, 1000))
    rows = db.session.execute(stmt.limit(size + 1).offset((page - 1) * size)).all()
    items = [AuditRow(*row) for row in rows[:size]]
    return catalog_queries.Page(items=items, number=page, has_next=len(rows) > size)


def shop_choices() -> list[tuple[int, str]]:
    return [(row.id, row.name) for row in db.session.execute(
        sa.select(Shop.id, Shop.name).order_by(Shop.name))]


def _active(today) -> sa.ColumnElement[bool]:
    return sa.and_(sa.or_(Collection.starts_on.is_(None), Collection.starts_on <= today),
                   sa.or_(Collection.ends_on.is_(None), Collection.ends_on >= today))


def active_collections() -> list[Collection]:
    """Collections shown today (Kupang date), in staff's order; one query."""
    stmt = (sa.select(Collection).where(_active(clock.today_local()))
            .order_by(Collection.position, Collection.id))
    return list(db.session.scalars(stmt))


def active_collection(slug: str) -> Collection | None:
    return db.session.scalar(
        sa.select(Collection).where(Collection.slug == slug, _active(clock.today_local())))


def in_collection(collection: Collection, page: int, size: int) -> catalog_queries.Page:
    """The collection's public products: approved, of active shops."""
    stmt = (catalog_queries.public_products()
            .join(collection_items, collection_items.c.product_id == Product.id)
            .where(collection_items.c.collection_id == collection.id)
            .order_by(collection_items.c.added_at, Product.id))
    return catalog_queries.paginate(stmt, page, size)


def all_collections() -> list[Collection]:
    return list(db.session.scalars(sa.select(Collection).order_by(Collection.position,
                                                                  Collection.id)))


