"""Filters and globals the templates use."""
from __future__ import annotations

from urllib.parse import quote

from flask import Flask, current_app, g, url_for
from flask_babel import get_locale
from markupsafe import Markup

from storefront.catalog.labels import halal_label, listing_label
from storefront.curation import season
from storefront.domain.money import format_rupiah
from storefront.i18n import LANGUAGE_NAMES
from storefront.media.storage import file_name
from storefront.notifications.services import wa_link
from storefront.reach.links import absolute_url, canonical_url
from storefront.reach.share_images import product_version, shop_version
from storefront.reach.structured_data import product_json_ld

#: Width in pixels of each rendition's longest side, for srcset.
SRCSET_WIDTHS = {"thumb": 240, "card": 480, "full": 1280}
#: Characters werkzeug leaves unquoted in a URL path segment (its converters' ``to_url``).
PATH_SAFE = "!$&'()*+,/:;=@"


def link_prefixes() -> dict:
    """The start of every photo and product link, built with url_for once per request
    (a listing of 80 cards would otherwise call it 400 times)."""
    found = g.get("link_prefixes")
    if found is None:
        public = current_app.config["MEDIA_PUBLIC_URL"]
        found = g.link_prefixes = {
            "media": f"{public}/" if public else url_for("site.media", name="_")[:-1],
            "cdn": public,
            "product": url_for("catalog.product", slug="_")[:-1],
            "placeholder": url_for("static", filename="img/placeholder.svg"),
        }
    return found


def media_url(key: str | None, size: str = "card") -> str:
    """A photo's link, as ``storefront.reach.links.media_link`` builds it."""
    if not key:
        return link_prefixes()["placeholder"]
    prefixes, name = link_prefixes(), file_name(key, size)
    return prefixes["media"] + (name if prefixes["cdn"] else quote(name, safe=PATH_SAFE))


def product_url(slug: str) -> str:
    """``url_for("catalog.product", slug=slug)``, from the prefix."""
    return link_prefixes()["product"] + quote(slug, safe=PATH_SAFE)


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
    app.jinja_env.globals.update(media_url=media_url, srcset=srcset, product_url=product_url,
                                 locale_code=locale_code,
                                 wa_link=wa_link, halal_label=halal_label,
                                 listing_label=listing_label, language_names=LANGUAGE_NAMES,
                                 absolute_url=absolute_url, canonical_url=canonical_url,
                                 product_image_version=product_version,
                                 shop_image_version=shop_version,
                                 product_json_ld=product_json_ld)
