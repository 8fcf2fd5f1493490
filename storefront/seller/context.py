"""The shop of the seller who is logged in."""
from __future__ import annotations

import sqlalchemy as sa
from flask import abort
from flask_login import current_user

from storefront.extensions import db
from storefront.shops.models import Shop


def current_shop() -> Shop:
    """Her shop; a seller account without a shop gets 404 (it should not exist)."""
    shop = db.session.scalar(sa.select(Shop).where(Shop.owner_id == current_user.id))
    if shop is None:
        abort(404)
    return shop
