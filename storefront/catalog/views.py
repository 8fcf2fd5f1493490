"""Public catalog pages: categories, products and search."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, current_app, render_template, request

from storefront.catalog import queries
from storefront.catalog.models import Category
from storefront.domain.numbers import page_number
from storefront.extensions import db
from storefront.reach.visits import count_visit
from storefront.reviews import queries as review_queries

bp = Blueprint("catalog", __name__)


def _page() -> int:
    return request.args.get("page", 1, type=page_number) or 1


@bp.get("/kategori/<slug>")
def category(slug: str):
    found = db.session.scalar(sa.select(Category).where(Category.slug == slug)) or abort(404)
    page = queries.in_category(found, _page(), current_app.config["PAGE_SIZE"])
    return render_template("catalog/category.html", category=found, page=page,
                           categories=queries.categories())


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
    text = request.args.get("q", "")[: queries.MAX_QUERY_CHARS]
    page = queries.search(text, _page(), current_app.config["PAGE_SIZE"])
    return render_template("catalog/search.html", q=text, page=page,
                           terms=queries.search_terms(text))
