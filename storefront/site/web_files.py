"""The files every crawler and browser asks for: /favicon.ico, /robots.txt, /sitemap.xml."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, Response, current_app, render_template

from storefront.catalog.models import Category, Product
from storefront.curation import queries as curation_queries
from storefront.domain.listing import ListingStatus
from storefront.extensions import db
from storefront.reach.links import absolute_url
from storefront.shops.models import Shop, ShopStatus

bp = Blueprint("web_files", __name__)

#: Parts of the site that are private or per-person: crawlers keep out.
PRIVATE_PREFIXES = ("/penjual", "/staf", "/pesanan", "/bayar", "/akun", "/keranjang", "/pesan/")
#: How long a browser may keep the icon and robots.txt (a day).
DAY = 24 * 3600


@bp.get("/favicon.ico")
def favicon():
    response = current_app.send_static_file("favicon.ico")
    response.cache_control.public, response.cache_control.max_age = True, DAY
    response.cache_control.no_cache = False
    return response


@bp.get("/robots.txt")
def robots():
    lines = ["User-agent: *", *(f"Disallow: {prefix}" for prefix in PRIVATE_PREFIXES),
             f"Sitemap: {absolute_url('web_files.sitemap')}", ""]
    response = Response("\n".join(lines), mimetype="text/plain")
    response.cache_control.public, response.cache_control.max_age = True, DAY
    return response


def _urls() -> list[str]:
    """Every public page worth finding: home, shop list, campaign, products, shops, categories,
    collections. Four queries however big the catalog."""
    products = db.session.scalars(
        sa.select(Product.slug).join(Product.shop)
        .where(Product.status == ListingStatus.APPROVED, Shop.status == ShopStatus.ACTIVE)
        .order_by(Product.id)).all()
    shops = db.session.scalars(sa.select(Shop.slug).where(Shop.status == ShopStatus.ACTIVE)
                               .order_by(Shop.id)).all()
    categories = db.session.scalars(sa.select(Category.slug).order_by(Category.id)).all()
    collections = [c.slug for c in curation_queries.active_collections()]
    return ([absolute_url("site.home"), absolute_url("shops.index"),
             absolute_url("collections.hari_ibu"), absolute_url("hampers.index"),
             absolute_url("pickup.index")]
            + [absolute_url("catalog.product", slug=s) for s in products]
            + [absolute_url("shops.shop", slug=s) for s in shops]
            + [absolute_url("catalog.category", slug=s) for s in categories]
            + [absolute_url("collections.collection", slug=s) for s in collections])


@bp.get("/sitemap.xml")
def sitemap():
    body = render_template("site/sitemap.xml", urls=_urls())
    return Response(body, mimetype="application/xml")
