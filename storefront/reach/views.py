"""Share images, catalog feeds, and printed materials for sellers and staff."""
from __future__ import annotations

import hashlib

import sqlalchemy as sa
from flask import Blueprint, Response, abort, render_template, request
from flask_babel import gettext as _

from storefront.catalog import queries
from storefront.catalog.models import Product
from storefront.extensions import db
from storefront.reach import feeds, materials, share_images
from storefront.reach.cards import CardText, preview_card
from storefront.reach.links import absolute_url
from storefront.reach.printables import PAGE_SIZES
from storefront.reach.visits import totals_by_source
from storefront.seller.context import current_shop
from storefront.shops.models import Shop
from storefront.web.access import seller_required, staff_required

bp = Blueprint("reach", __name__)

#: How long catalog fetchers and chat apps may keep images and feeds.
PUBLIC_MAX_AGE = 3600


def _png(data: bytes) -> Response:
    response = Response(data, mimetype="image/png")
    response.cache_control.public = True
    response.cache_control.max_age = PUBLIC_MAX_AGE
    return response


def _pdf(data: bytes, filename: str) -> Response:
    response = Response(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@bp.get("/og/pasar-ibu.png")
def site_image():
    text = CardText("Pasar Ibu", "", _("Food and crafts made by the mothers of Kupang"))
    return _png(preview_card(text, None))


@bp.get("/og/produk/<slug>.png")
def product_image(slug: str):
    product = queries.public_product(slug) or abort(404)
    return _png(share_images.product_image(product))


@bp.get("/og/toko/<slug>.png")
def shop_image(slug: str):
    shop = queries.public_shop(slug) or abort(404)
    return _png(share_images.shop_image(shop))


def _feed_response(body: str, mimetype: str, products: list[Product]) -> Response:
    response = Response(body, mimetype=mimetype)
    response.set_etag(hashlib.sha256(body.encode()).hexdigest()[:32])
    if products:
        response.last_modified = max(p.updated_at for p in products)
    response.cache_control.public = True
    response.cache_control.max_age = 900
    return response.make_conditional(request)


def _feed_products() -> list[Product]:
    return list(db.session.scalars(queries.public_products().order_by(Product.id)).unique())


@bp.get("/feed/produk.csv")
def feed_csv():
    products = _feed_products()
    return _feed_response(feeds.to_csv(products), "text/csv", products)


@bp.get("/feed/produk.xml")
def feed_xml():
    products = _feed_products()
    body = feeds.to_rss(products, "Pasar Ibu", absolute_url("site.home"),
                        _("Food and crafts made by the mothers of Kupang"))
    return _feed_response(body, "application/rss+xml", products)


@bp.get("/penjual/bagikan")
@seller_required
def share_panel():
    shop = current_shop()
    products = materials.listed_products(shop)
    shop_url = materials.shop_link(shop, "wa")
    items = [(product, materials.product_link(product, "wa")) for product in products]
    return render_template(
        "reach/share.html", shop=shop, shop_url=shop_url, items=items,
        shop_text=materials.share_text(shop.name, shop_url), share_text=materials.share_text,
        visits=totals_by_source(shop.id), sizes=list(PAGE_SIZES))


@bp.get("/penjual/bagikan/status/toko.png")
@seller_required
def shop_status_image():
    return _png(share_images.shop_image(current_shop(), "status"))


@bp.get("/penjual/bagikan/status/produk/<int:product_id>.png")
@seller_required
def product_status_image(product_id: int):
    shop = current_shop()
    product = db.session.get(Product, product_id)
    if product is None or product.shop_id != shop.id:
        abort(404)
    return _png(share_images.product_image(product, "status"))


def _size(size: str) -> str:
    if size not in PAGE_SIZES:
        abort(404)
    return size


@bp.get("/penjual/cetak/poster-<size>.pdf")
@seller_required
def seller_poster(size: str):
    shop = current_shop()
    return _pdf(materials.poster_pdf(shop, _size(size)), f"poster-{shop.slug}-{size}.pdf")


@bp.get("/penjual/cetak/label.pdf")
@seller_required
def seller_labels():
    shop = current_shop()
    return _pdf(materials.labels_pdf(shop), f"label-{shop.slug}.pdf")


@bp.get("/staf/cetak")
@staff_required
def staff_materials():
    shops = db.session.scalars(sa.select(Shop).order_by(Shop.name)).all()
    return render_template("reach/staff_materials.html", shops=shops, sizes=list(PAGE_SIZES))


def _shop_or_404(shop_id: int) -> Shop:
    return db.session.get(Shop, shop_id) or abort(404)


@bp.get("/staf/cetak/<int:shop_id>/poster-<size>.pdf")
@staff_required
def staff_poster(shop_id: int, size: str):
    shop = _shop_or_404(shop_id)
    return _pdf(materials.poster_pdf(shop, _size(size)), f"poster-{shop.slug}-{size}.pdf")


@bp.get("/staf/cetak/<int:shop_id>/label.pdf")
@staff_required
def staff_labels(shop_id: int):
    shop = _shop_or_404(shop_id)
    return _pdf(materials.labels_pdf(shop), f"label-{shop.slug}.pdf")

