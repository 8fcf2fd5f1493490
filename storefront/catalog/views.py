"""Public catalog pages: categories, products and search."""
from __future__ import annotations

from dataclasses import replace

from flask import Blueprint, abort, current_app, render_template, request, url_for

from storefront import clock
from storefront.catalog import filter_labels, finding, queries
from storefront.catalog.models import Category
from storefront.domain import search_filters
from storefront.domain.areas import ALL_AREAS
from storefront.domain.money import format_rupiah
from storefront.domain.numbers import page_number
from storefront.extensions import db
from storefront.reach.visits import count_visit
from storefront.reviews import queries as review_queries
from storefront.web.template_helpers import locale_code

bp = Blueprint("catalog", __name__)


@bp.app_template_filter("rupiah_plain")
def rupiah_plain(amount: int) -> str:
    """``25000`` → ``"25.000"``, as a price box shows it."""
    return format_rupiah(amount).removeprefix("Rp ")


@bp.app_template_filter("filter_value")
def filter_value(value: str, name: str, categories: list[Category]) -> str:
    """An active filter's value in words, for its "hapus filter" link."""
    if name == "kategori":
        return next((c.name(locale_code()) for c in categories if c.slug == value), value)
    if name in ("harga_min", "harga_max"):
        return format_rupiah(int(value))
    if name == "jenis":
        return str(filter_labels.KIND_LABELS[value])
    return value


def _page() -> int:
    return request.args.get("page", 1, type=page_number) or 1


def _listing(template: str, endpoint: str, category_slug: str | None = None, **args):
    filters = search_filters.parse(request.args, clock.today_local())
    categories = queries.categories()
    by_slug = {c.slug: c for c in categories}
    if category_slug is not None:
        category: Category | None = by_slug.get(category_slug) or abort(404)
        filters = replace(filters, kategori=None)
    else:
        category = by_slug.get(filters.kategori or "")
        if filters.kategori and category is None:
            filters = replace(filters, kategori=None, ignored=(*filters.ignored, "kategori"))
    found = finding.find(filters, categories, category, _page(), current_app.config["PAGE_SIZE"])

    def here(changes: dict | None = None, slug: str | None = None) -> str:
        """This page's URL with some filters changed; ``slug`` moves to another category page."""
        if slug is not None or category_slug is not None:
            return url_for("catalog.category", slug=slug or category_slug,
                           **filters.url_args(**(changes or {})))
        return url_for("catalog.search", **filters.url_args(**(changes or {})))

    return render_template(template, filters=filters, found=found, page=found.page,
                           category=category, categories=categories, areas=ALL_AREAS,
                           endpoint=endpoint, here=here, labels=filter_labels,
                           q=filters.q, terms=filters.terms,
                           form_action=url_for(endpoint, **args))


@bp.get("/kategori/<slug>")
def category(slug: str):
    return _listing("catalog/category.html", "catalog.category", slug, slug=slug)


@bp.get("/produk/<slug>")
def product(slug: str):
    found = queries.public_product(slug) or abort(404)
    if count_visit(found.shop_id, request.args.get("src")):
        db.session.commit()
    return render_template("catalog/product.html", product=found,
                           review_summary=review_queries.summary_for_product(found.id),
                           reviews=review_queries.latest_for_product(found.id))


@bp.get("/cari")
def search():
    return _listing("catalog/search.html", "catalog.search")
