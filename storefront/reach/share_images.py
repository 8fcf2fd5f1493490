"""Share images for products and shops, built once and kept in the media store.

The stored name carries a fingerprint of everything drawn (name, price, shop,
photo), so an edit makes a new image and old links keep working.
"""
from __future__ import annotations

import hashlib

from storefront.catalog.models import Product
from storefront.domain.money import format_rupiah
from storefront.media.storage import file_name, storage
from storefront.reach.cards import CardText, preview_card, status_card
from storefront.shops.models import Shop

#: Kinds of share image: name → renderer.
RENDERERS = {"preview": preview_card, "status": status_card}


def _fingerprint(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:12]


def product_version(product: Product) -> str:
    cover = product.cover.key if product.cover else ""
    return _fingerprint(product.name, product.price, product.shop.name, cover)


def shop_version(shop: Shop) -> str:
    return _fingerprint(shop.name, shop.area, shop.photo_key or "")


def _photo_bytes(key: str | None) -> bytes | None:
    return storage().read(file_name(key, "full")) if key else None


def _cached(name: str, kind: str, text: CardText, photo_key: str | None) -> bytes:
    store = storage()
    data = store.read(name)
    if data is None:
        data = RENDERERS[kind](text, _photo_bytes(photo_key))
        store.put(name, data, "image/png")
    return data


def product_image(product: Product, kind: str = "preview") -> bytes:
    text = CardText(product.name, format_rupiah(product.price), product.shop.name)
    name = f"share/product-{product.id}-{kind}-{product_version(product)}.png"
    return _cached(name, kind, text, product.cover.key if product.cover else None)


def shop_image(shop: Shop, kind: str = "preview") -> bytes:
    text = CardText(shop.name, "", shop.area)
    name = f"share/shop-{shop.id}-{kind}-{shop_version(shop)}.png"
    return _cached(name, kind, text, shop.photo_key)
