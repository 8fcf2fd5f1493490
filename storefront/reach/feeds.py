"""Catalog feeds for social and shopping catalogs: CSV and RSS 2.0 with the g: namespace."""
from __future__ import annotations

import csv
import io
import re
from xml.etree import ElementTree as ET

from storefront.catalog.models import Product
from storefront.domain.spreadsheet import neutralise
from storefront.media.storage import file_name
from storefront.reach.links import absolute_url, media_link

#: Columns every catalog needs, in the order Meta and Google list them.
FIELDS = ["id", "title", "description", "availability", "condition", "price", "link", "image_link",
          "brand"]
G_NS = "http://base.google.com/ns/1.0"
_TAGS = re.compile(r"<[^>]+>")


def plain_text(text: str, limit: int = 5000) -> str:
    """Description as plain text: no tags, one line of single spaces."""
    return " ".join(_TAGS.sub(" ", text or "").split())[:limit]


def feed_row(product: Product) -> dict[str, str]:
    cover = product.cover
    return {
        "id": f"PI-{product.id}",
        "title": product.name[:150],
        "description": plain_text(product.description) or product.name,
        "availability": "in stock" if product.in_stock else "out of stock",
        "condition": "new",
        "price": f"{product.price} IDR",
        "link": absolute_url("catalog.product", slug=product.slug),
        "image_link": (media_link(file_name(cover.key, "full"), absolute=True) if cover
                       else absolute_url("reach.product_image", slug=product.slug)),
        "brand": product.shop.name,
    }


def to_csv(products: list[Product]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for product in products:
        writer.writerow({key: neutralise(value) for key, value in feed_row(product).items()})
    return out.getvalue()


def to_rss(products: list[Product], title: str, link: str, description: str) -> str:
    ET.register_namespace("g", G_NS)
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    for tag, text in (("title", title), ("link", link), ("description", description)):
        ET.SubElement(channel, tag).text = text
    for product in products:
        item = ET.SubElement(channel, "item")
        for field, value in feed_row(product).items():
            ET.SubElement(item, f"{{{G_NS}}}{field}").text = value
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(rss, encoding="unicode")
