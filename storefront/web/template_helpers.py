"""Filters and globals the templates use."""
from __future__ import annotations

from flask import Flask, url_for
from flask_babel import get_locale
from markupsafe import Markup

from storefront.catalog.labels import halal_label, listing_label
from storefront.curation import season
from storefront.domain.money import format_rupiah
from storefront.i18n import LANGUAGE_NAMES
from storefront.media.storage import file_name
from storefront.notifications.services import wa_link
from storefront.reach.links import absolute_url, canonical_url, media_link
from storefront.reach.share_images import product_version, shop_version
from storefront.reach.structured_data import product_json_ld

#: Width in pixels of each rendition's longest side, for srcset.
SRCSET_WIDTHS = {"thumb": 240, "card": 480, "full": 1280}


def media_url(key: str | None, size: str = "card") -> str:
    if not key:
        return url_for("static", filename="img/placeholder.svg")
    return media_link(file_name(key, size))


def srcset(key: str | None) -> str:
    if not key:
        return ""
    return ", ".join(f"{media_url(key, size)} {width}w" for size, width in SRCSET_WIDTHS.items())


def rupiah_html(amount: int) -> Markup:
    """A price for a page: ``Rp 25.000`` in a span that never wraps, so "Rp" and the amount
    stay on one line on a 360 px screen. Attributes and option labels use ``rupiah_text``."""
    return Markup('<span class="rp">%s</span>') % format_rupiah(amount)


def locale_code() -> str:
    return str(get_locale() or "id")


def install(app: Flask) -> None:
    app.jinja_env.filters["rupiah"] = rupiah_html
    app.jinja_env.filters["rupiah_text"] = format_rupiah
    season.install(app)
    app.jinja_env.globals.update(media_url=media_url, srcset=srcset, locale_code=locale_code,
                                 wa_link=wa_link, halal_label=halal_label,
                                 listing_label=listing_label, language_names=LANGUAGE_NAMES,
                                 absolute_url=absolute_url, canonical_url=canonical_url,
                                 product_image_version=product_version,
                                 shop_image_version=shop_version,
                                 product_json_ld=product_json_ld)
