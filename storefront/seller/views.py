"""/penjual: the seller's start page."""
from __future__ import annotations

from flask import Blueprint, render_template

from storefront.seller.context import current_shop
from storefront.web.access import seller_required

bp = Blueprint("seller", __name__, url_prefix="/penjual")


@bp.get("/")
@seller_required
def home():
    return render_template("seller/home.html", shop=current_shop())
