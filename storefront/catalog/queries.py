"""Read-only catalog queries for public pages.

Every listing loads its cards in a fixed number of queries (products with
their shop and category joined, then one query for all their photos), so a
page's query count does not grow with the number of products.
"""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager, selectinload

from storefront.catalog.models import Category, Product
from storefront.domain.listing import ListingStatus
from storefront.extensions import db
from storefront.shops.models import Shop, ShopStatus

#: Longest search text we look at; the rest is ignored.
MAX_QUERY_CHARS = 100
#: Most words of a search that count.
MAX_TERMS = 6


@dataclass
class Page:
    """One page of products, and whether there is another."""

    items: list[Product]
    number: int
    has_next: bool


def public_products() -> sa.Select:
    """Approved products of active shops, with shop and category ready for cards."""
    return (
        sa.select(Product)
        .join(Product.shop)
        .join(Product.category)
        .where(Product.status == ListingStatus.APPROVED, Shop.status == ShopStatus.ACTIVE)
        .options(contains_eager(Product.shop), contains_eager(Product.category),
                 selectinload(Product.photos))
    )


def paginate(stmt: sa.Select, page: int, size: int) -> Page:
    """Fetch one page, asking for one extra row to learn if there is a next page."""
    page = max(1, min(page, 1000))
    rows = db.session.scalars(stmt.limit(size + 1).offset((page - 1) * size)).unique().all()
    return Page(items=list(rows[:size]), number=page, has_next=len(rows) > size)


def newest(limit: int) -> list[Product]:
    stmt = public_products().order_by(Product.created_at.desc(), Product.id.desc()).limit(limit)
    return list(db.session.scalars(stmt).unique())


def featured(limit: int) -> list[Product]:
    stmt = (public_products().where(Product.featured == sa.true())
            .order_by(Product.approved_at.desc(), Product.id.desc()).limit(limit))
    return list(db.session.scalars(stmt).unique())


def categories() -> list[Category]:
    return list(db.session.scalars(sa.select(Category).order_by(Category.position, Category.id)))


def in_category(category: Category, page: int, size: int) -> Page:
    stmt = (public_products().where(Product.category_id == category.id)
            .order_by(Product.created_at.desc(), Product.id.desc()))
    return paginate(stmt, page, size)


def in_shop(shop: Shop, page: int, size: int) -> Page:
    stmt = (public_products().where(Product.shop_id == shop.id)
            .order_by(Product.created_at.desc(), Product.id.desc()))
    return paginate(stmt, page, size)


def public_product(slug: str) -> Product | None:
    return db.session.scalars(public_products().where(Product.slug == slug)).unique().first()


def public_shop(slug: str) -> Shop | None:
    return db.session.scalar(
        sa.select(Shop).where(Shop.slug == slug, Shop.status == ShopStatus.ACTIVE))


def search_terms(text: str) -> list[str]:
    """The words of a search, lower-cased, at most MAX_TERMS of at least 2 characters."""
    words = (text or "")[:MAX_QUERY_CHARS].lower().split()
    seen: list[str] = []
    for word in words:
        if len(word) >= 2 and word not in seen:
            seen.append(word)
    return seen[:MAX_TERMS]


def _pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _contains(column, term: str):
    return sa.func.lower(column).like(_pattern(term), escape="\\")
