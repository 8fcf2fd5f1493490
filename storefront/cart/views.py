"""/keranjang: the cart, grouped by shop, with each shop's pickup or delivery choice."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from storefront.cart import services
from storefront.domain.areas import KOTA_KUPANG
from storefront.domain.numbers import parse_id
from storefront.extensions import db
from storefront.web.forgery import token_or_same_site
from storefront.web.redirects import safe_referrer

bp = Blueprint("cart", __name__, url_prefix="/keranjang")


def _product_id(raw: str | None) -> int:
    return parse_id(raw) or abort(400)


@bp.get("/")
def show():
    cart = services.view(services.store_for(current_user))
    if cart.dropped:
        flash(_("Some products are no longer for sale and were taken out of your cart."), "info")
    db.session.commit()
    return render_template("cart/cart.html", cart=cart, areas=KOTA_KUPANG)


@bp.post("/tambah")
@token_or_same_site
def add():
    product_id = _product_id(request.form.get("product_id"))
    try:
        quantity = services.parse_quantity(request.form.get("quantity", "1"))
        product, final, capped = services.add(services.store_for(current_user), product_id,
                                              quantity)
    except services.BadQuantity:
        flash(_("Please enter how many you want as a whole number, 1 or more."), "error")
        return redirect(safe_referrer() or url_for("cart.show"))
    except services.NotForSale:
        flash(_("Sorry, this product cannot be ordered right now."), "error")
        return redirect(url_for("cart.show"))
    except services.CartFull:
        flash(_("Your cart is full. Check out first, then shop again."), "error")
        return redirect(url_for("cart.show"))
    db.session.commit()
    if capped:
        flash(_("Only %(n)s of %(name)s can be ordered, so your cart holds %(n)s.",
                n=final, name=product.name), "info")
    else:
        flash(_("%(name)s is in your cart.", name=product.name), "info")
    return redirect(url_for("cart.show"))


@bp.post("/ubah")
def update():
    store = services.store_for(current_user)
    items = store.items()
    for pid in list(items):
        field = f"qty-{pid}"
        if field not in request.form:
            continue
        try:
            quantity = services.parse_quantity(request.form[field])
            final, capped = services.set_quantity(store, pid, quantity)
        except services.BadQuantity:
            flash(_("Please enter how many you want as a whole number (0 removes it)."), "error")
            return redirect(url_for("cart.show"))
        except services.NotForSale:
            continue
        if capped:
            flash(_("Some quantities were lowered to what the seller can make or has in stock."),
                  "info")
    modes = {key[5:]: value for key, value in request.form.items() if key.startswith("mode-")}
    area_before = services.choice().get("area", "")
    services.set_choice(request.form.get("area"), modes)
    # a newly chosen kecamatan may offer delivery: she sees the fees before checkout, never a
    # silent switch to pickup
    new_area = services.choice().get("area", "") not in ("", area_before)
    removed = parse_id(request.form.get("remove"))
    if removed is not None:
        store.remove(removed)
    db.session.commit()
    if request.form.get("next") == "checkout" and new_area:
        flash(_("Your kecamatan is saved. Choose delivery or pickup for each seller below, "
                "then continue to checkout."), "info")
        return redirect(url_for("cart.show", _anchor="main"))
    if request.form.get("next") == "checkout":
        return redirect(url_for("checkout.start"))
    return redirect(url_for("cart.show"))
