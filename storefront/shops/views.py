"""The public shop page: her story and her products."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request

from storefront.catalog import queries
from storefront.domain.numbers import page_number
from storefront.extensions import db
from storefront.reach.visits import count_visit
from storefront.reviews import queries as review_queries
from storefront.shops import queries as shop_queries
from storefront.web.template_helpers import locale_code

bp = Blueprint("shops", __name__)


@bp.get("/toko/")
def index():
    """Every active shop: photo, name, area, what she makes, and her story's first line
    where she agreed that it is shown."""
    return render_template("shops/index.html", cards=shop_queries.directory(locale_code()))


@bp.get("/toko/<slug>")
def shop(slug: str):
    found = queries.public_shop(slug) or abort(404)
    if count_visit(found.id, request.args.get("src")):
        db.session.commit()
    page = queries.in_shop(found, request.args.get("page", 1, type=page_number) or 1,
                           current_app.config["PAGE_SIZE"])
    return render_template("shops/shop.html", shop=found, page=page,
                           review_summary=review_queries.summary_for_shop(found.id))
