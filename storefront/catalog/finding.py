"""Search and category listings with the filter form: conditions, sort, facets, suggestions.

A page costs the categories (1), the words' typo keys and synonyms (1, only with
words), the products (1) with their photos (1), and the facet counts (1); a
search that finds nothing asks for the closest product names (1) instead of photos.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import sqlalchemy as sa

from storefront import clock
from storefront.catalog.models import Category, HalalStatus, Product
from storefront.catalog.queries import Page, paginate, public_products
from storefront.domain.listing import ListingStatus
from storefront.domain.order_states import SellerOrderStatus
from storefront.domain.search_filters import KINDS, Filters
from storefront.extensions import db
from storefront.orders.models import OrderLine, SellerOrder
from storefront.search.expand import Term, expand
from storefront.shops.models import Shop, ShopStatus
from storefront.web import fragments

#: Days of sales that count for "terlaris".
BEST_SELLER_DAYS = 90
#: Seller order statuses that count as sold.
SOLD = (SellerOrderStatus.NEW, SellerOrderStatus.ACCEPTED, SellerOrderStatus.READY,
        SellerOrderStatus.COMPLETED)
#: How many product names "Mungkin maksud Anda" offers.
SUGGESTIONS = 3


@dataclass
class Facets:
    """Counts for each category, area and kind, each with the other filters applied."""

    categories: dict[int, int] = field(default_factory=dict)
    areas: dict[str, int] = field(default_factory=dict)
    kinds: dict[str, int] = field(default_factory=dict)
    #: products matching every filter
    total: int = 0


@dataclass
class Found:
    page: Page
    facets: Facets
    #: product names close to words that found nothing
    suggestions: list[str]
    terms: list[Term]


def _like(column, form: str):
    escaped = form.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return column.like(f"%{escaped}%", escape="\\")


def _any(column, forms) -> sa.ColumnElement[bool]:
    return sa.or_(*(_like(column, form) for form in forms))


def _can_buy(days: int | None = None):
    made = sa.and_(Product.made_to_order, Product.daily_capacity > 0)
    if days is not None:
        made = sa.and_(made, Product.lead_days <= days)
    return sa.and_(Shop.on_holiday == sa.false(),
                   sa.or_(sa.and_(sa.not_(Product.made_to_order), Product.stock > 0), made))


def conditions(filters: Filters, terms: list[Term], category_id: int | None,
               today: date) -> dict[str, list]:
    """WHERE clauses by filter name, so facets can leave their own out."""
    conds: dict[str, list] = {"q": [_any(Product.search_text, t.forms) for t in terms]}
    conds["kategori"] = [Product.category_id == category_id] if category_id else []
    conds["harga"] = ([Product.price >= filters.harga_min] if filters.harga_min is not None else []) \
        + ([Product.price <= filters.harga_max] if filters.harga_max is not None else [])
    conds["halal"] = [Product.halal_status == HalalStatus.CERTIFIED] if filters.halal else []
    conds["tersedia"] = [_can_buy()] if filters.tersedia else []
    conds["siap"] = ([_can_buy((filters.siap_sebelum - today).days)]
                     if filters.siap_sebelum else [])
    conds["wilayah"] = [Shop.area == filters.wilayah] if filters.wilayah else []
    conds["jenis"] = [Category.kind == KINDS[filters.jenis]] if filters.jenis else []
    return conds


def _score(terms: list[Term]):
    """Per word: name 6 (5 tolerant), shop 4 (3), description 2 (1); summed."""
    total = sa.literal(0)
    for term in terms:
        whens = []
        for column, weight in ((Product.search_name, 6), (Product.search_shop, 4)):
            whens.append((_like(column, term.word), weight))
            if term.tolerant:
                whens.append((_any(column, term.tolerant), weight - 1))
        whens.append((_like(Product.search_text, term.word), 2))
        total = total + sa.case(*whens, else_=1)
    return total


def _sold_recently():
    since = clock.now() - timedelta(days=BEST_SELLER_DAYS)
    return (sa.select(OrderLine.product_id, sa.func.sum(OrderLine.quantity).label("sold"))
            .join(SellerOrder, SellerOrder.id == OrderLine.seller_order_id)
            .where(SellerOrder.created_at >= since, SellerOrder.status.in_(SOLD))
            .group_by(OrderLine.product_id).subquery())


def _sorted(stmt, sort: str, terms: list[Term]):
    newest = (Product.created_at.desc(), Product.id.desc())
    if sort == "relevan" and terms:
        sold_out = sa.case((sa.and_(sa.not_(Product.made_to_order), Product.stock <= 0), 1), else_=0)
        return stmt.order_by(sold_out, _score(terms).desc(), *newest)
    if sort == "termurah":
        return stmt.order_by(Product.price, Product.id)
    if sort == "termahal":
        return stmt.order_by(Product.price.desc(), Product.id.desc())
    if sort == "terlaris":
        sold = _sold_recently()
        return (stmt.outerjoin(sold, sold.c.product_id == Product.id)
                .order_by(sa.func.coalesce(sold.c.sold, 0).desc(), *newest))
    return stmt.order_by(*newest)


def facets(conds: dict[str, list], filters: Filters, category_id: int | None,
           kinds: dict[int, str]) -> Facets:
    """One grouped count; each facet then sums the groups that pass the other two facets."""
    rest = [c for name, cs in conds.items() if name not in ("kategori", "wilayah", "jenis") for c in cs]
    rows = db.session.execute(
        sa.select(Product.category_id, Shop.area, sa.func.count())
        .join(Shop, Shop.id == Product.shop_id)
        .where(Product.status == ListingStatus.APPROVED, Shop.status == ShopStatus.ACTIVE, *rest)
        .group_by(Product.category_id, Shop.area)).all()
    kind = KINDS.get(filters.jenis or "")
    result = Facets()
    for cat_id, area, count in rows:
        cat_ok = category_id is None or cat_id == category_id
        area_ok = filters.wilayah is None or area == filters.wilayah
        kind_ok = kind is None or kinds.get(cat_id) == kind
        if area_ok and kind_ok:
            result.categories[cat_id] = result.categories.get(cat_id, 0) + count
        if cat_ok and kind_ok:
            result.areas[area] = result.areas.get(area, 0) + count
        if cat_ok and area_ok:
            result.kinds[kinds.get(cat_id, "")] = result.kinds.get(kinds.get(cat_id, ""), 0) + count
        if cat_ok and area_ok and kind_ok:
            result.total += count
    return result


def suggestions(terms: list[Term]) -> list[str]:
    """Names of the products closest to any one of the words, best first."""
    if not terms:
        return []
    stmt = (sa.select(Product.name).join(Product.shop)
            .where(Product.status == ListingStatus.APPROVED, Shop.status == ShopStatus.ACTIVE,
                   sa.or_(*(_any(Product.search_text, t.forms) for t in terms)))
            .order_by(_score(terms).desc(), Product.name).limit(SUGGESTIONS))
    return list(dict.fromkeys(db.session.scalars(stmt)))


def _search(filters: Filters, categories: list[Category], category_id: int | None,
            page: int, size: int) -> dict:
    """The page's product ids, facet counts and suggestions, as a cacheable dict."""
    terms = expand(filters.terms)
    conds = conditions(filters, terms, category_id, clock.today_local())
    stmt = public_products().where(*(c for cs in conds.values() for c in cs))
    found = paginate(_sorted(stmt, filters.sort, terms), page, size)
    counts = facets(conds, filters, category_id, {c.id: c.kind.value for c in categories})
    names = suggestions(terms) if terms and not found.items and found.number == 1 else []
    return {"ids": [p.id for p in found.items], "number": found.number, "has_next": found.has_next,
            "facets": [counts.categories, counts.areas, counts.kinds, counts.total],
            "suggestions": names, "_page": found}


def _in_order(ids: list[int]) -> list[Product]:
    if not ids:
        return []
    rows = {p.id: p for p in db.session.scalars(public_products().where(Product.id.in_(ids))).unique()}
    return [rows[i] for i in ids if i in rows]


def find(filters: Filters, categories: list[Category], category: Category | None,
         page: int, size: int) -> Found:
    """The page of products for ``filters`` (within ``category`` on a category page).

    The ids, counts and suggestions are the same for every visitor, so they are kept in
    the fragment cache under the catalog version (a miss costs the queries above; a hit
    only loads the page's products and photos by id).
    """
    if filters.q.strip() and not filters.terms and not filters.cheap:
        return Found(page=Page(items=[], number=1, has_next=False), facets=Facets(),
                     suggestions=[], terms=[])
    category_id = category.id if category else None
    parts = (category_id, filters.terms, filters.cheap, sorted(filters.active().items()),
             filters.sort, page, size, clock.today_local())
    fresh: dict = {}

    def compute() -> dict:
        fresh.update(_search(filters, categories, category_id, page, size))
        return {key: value for key, value in fresh.items() if not key.startswith("_")}

    result = fragments.cached_value("search", parts, compute)
    items = fresh["_page"].items if "_page" in fresh else _in_order(result["ids"])
    cats, areas, kinds, total = result["facets"]
    counts = Facets(categories={int(k): v for k, v in cats.items()}, areas=areas, kinds=kinds,
                    total=total)
    return Found(page=Page(items=items, number=result["number"], has_next=result["has_next"]),
                 facets=counts, suggestions=result["suggestions"], terms=[])
