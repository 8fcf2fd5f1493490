"""Build a shop's printed materials and share texts from the database, in the visitor's language."""
from __future__ import annotations

from flask_babel import gettext as _

from storefront.catalog.labels import halal_label
from storefront.catalog.models import Product
from storefront.catalog.queries import public_products
from storefront.domain.money import format_rupiah
from storefront.extensions import db
from storefront.media.storage import file_name, storage
from storefront.reach import printables
from storefront.reach.links import absolute_url
from storefront.shops.models import Shop


def shop_link(shop: Shop, source: str) -> str:
    return absolute_url("shops.shop", slug=shop.slug, src=source)


def product_link(product: Product, source: str) -> str:
    return absolute_url("catalog.product", slug=product.slug, src=source)


def listed_products(shop: Shop) -> list[Product]:
    """Her public products, for labels and the share panel."""
    stmt = public_products().where(Product.shop_id == shop.id).order_by(Product.name)
    return list(db.session.scalars(stmt).unique())


def _poster_photo(shop: Shop) -> bytes | None:
    key = shop.photo_key or next((p.cover.key for p in listed_products(shop) if p.cover), None)
    return storage().read(file_name(key, "full")) if key else None


def story_line(shop: Shop) -> str:
    """The first sentence of her story, only with her consent."""
    if not (shop.story_public and shop.story):
        return ""
    first = shop.story.split(". ")[0].strip()
    return first if first.endswith(".") else first + "."


def poster_pdf(shop: Shop, size: str) -> bytes:
    text = printables.PosterText(
        shop_name=shop.name,
        url=shop_link(shop, "poster"),
        whatsapp=_format_phone(shop.whatsapp),
        story_line=story_line(shop),
        call_to_action=_("Scan to shop with us on Pasar Ibu"),
        whatsapp_label=_("WhatsApp:"),
        footer=_("Pasar Ibu · Women Care Day programme, Nusa Tenggara Timur"),
    )
    return printables.poster(text, size, _poster_photo(shop))


def labels_pdf(shop: Shop) -> bytes:
    items = []
    for product in listed_products(shop):
        food = []
        if product.is_food:
            pirt = product.pirt_number or (_("in process") if product.pirt_in_process else "-")
            food = [_("PIRT: %(number)s", number=pirt), halal_label(product.halal_status),
                    _("Best before: ____________")]
        items.append(printables.LabelText(product.name, format_rupiah(product.price),
                                          product_link(product, "label"), food))
    return printables.labels(items)


def share_text(name: str, url: str) -> str:
    return _("Look at %(name)s on Pasar Ibu: %(url)s", name=name, url=url)


def _format_phone(e164: str | None) -> str:
    """+6281234567890 → 0812-3456-7890, the way people in Kupang write it."""
    if not e164:
        return ""
    national = "0" + e164[3:]
    return "-".join([national[:4], national[4:8], national[8:]]).strip("-")
