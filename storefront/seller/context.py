"""The shop of the seller who is logged in, and only her own things."""
from __future__ import annotations

import sqlalchemy as sa
from flask import abort
from flask_login import current_user

from storefront.catalog.models import Product, ProductPhoto
from storefront.extensions import db
from storefront.shops.models import Shop
from storefront.web.access import acting_for


def current_shop() -> Shop:
    """Her shop (or, for a mentor acting for her, hers); no shop gets 404."""
    owner = acting_for() or current_user
    shop = db.session.scalar(sa.select(Shop).where(Shop.owner_id == owner.id))
    if shop is None:
        abort(404)
    return shop


def own_product(shop: Shop, product_id: int) -> Product:
    """One of her products; anyone else's (or none) is 404, never 403, so ids reveal nothing."""
    product = db.session.scalar(
        sa.select(Product).where(Product.id == product_id, Product.shop_id == shop.id))
    if product is None:
        abort(404)
    return product


def own_photo(product: Product, photo_id: int) -> ProductPhoto:
    """A photo of this (already checked) product; any other photo id is 404."""
    photo = next((p for p in product.photos if p.id == photo_id), None)
    if photo is None:
        abort(404)
    return photo
