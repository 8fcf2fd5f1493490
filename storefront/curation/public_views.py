"""Public collection pages and the Hari Ibu campaign page."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request

from storefront import clock
from storefront.catalog import queries as catalog_queries
from storefront.curation import queries
from storefront.domain.campaign import campaign
from storefront.domain.numbers import page_number

bp = Blueprint("collections", __name__)


@bp.get("/koleksi/<slug>")
def collection(slug: str):
    found = queries.active_collection(slug) or abort(404)
    page = queries.in_collection(found, request.args.get("page", 1, type=page_number) or 1,
                                 current_app.config["PAGE_SIZE"])
    return render_template("curation/public_collection.html", collection=found, page=page)


@bp.get("/hari-ibu")
def hari_ibu():
    config = current_app.config
    timing = campaign(clock.today_local(), config.get("HARI_IBU_DATE", "12-22"),
                      int(config.get("HARI_IBU_DELIVERY_DAYS", 1)))
    found = queries.active_collection(config.get("HARI_IBU_COLLECTION", "hadiah-hari-ibu"))
    if found is not None:
        products = queries.in_collection(found, 1, 48).items
    else:
        products = catalog_queries.featured(48)
    return render_template("curation/hari_ibu.html", timing=timing, collection=found,
                           products=products)
