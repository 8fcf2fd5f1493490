"""Pickup points: the public list, staff pages per point, and a seller's own points."""
from __future__ import annotations

import segno
import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from storefront.domain import handover
from storefront.domain.numbers import parse_id
from storefront.extensions import db, limiter
from storefront.orders.models import Order
from storefront.pickup import services
from storefront.pickup.forms import HandoverForm, PointForm
from storefront.pickup.models import PickupParcel, PickupPoint
from storefront.seller.context import current_shop
from storefront.web.access import seller_required, staff_required

bp = Blueprint("pickup", __name__, url_prefix="/titik-ambil")
staff_bp = Blueprint("pickup_staff", __name__, url_prefix="/staf/titik-ambil")
seller_bp = Blueprint("pickup_seller", __name__, url_prefix="/penjual/titik-ambil")


@bp.app_context_processor
def _pickup_helpers() -> dict:
    return {"pickup_parcels_of": services.parcels_of_order,
            "handover_code_of": services.code_of_order, "qr_svg": qr_svg,
            "pickup_points_for": services.points_for_parts}


def qr_svg(text: str) -> Markup:
    """An inline SVG QR code (no script, no style attribute)."""
    return Markup(segno.make(text, micro=False).svg_inline(scale=5, omitsize=False))


@bp.get("/")
def index():
    return render_template("pickup/index.html", points=services.active_points())


# ---- staff ----------------------------------------------------------------------------------

@staff_bp.before_request
@staff_required
def _staff_only():
    """Every page here is for staff; the decorator also guards each view."""


def _point(point_id: int) -> PickupPoint:
    return db.session.get(PickupPoint, point_id) or abort(404)


def _fields(form: PointForm) -> dict:
    return {"name": form.name.data, "address": form.address.data,
            "opening_hours": form.opening_hours.data, "map_url": (form.map_url.data or "").strip(),
            "active": bool(form.active.data)}


@staff_bp.route("/", methods=["GET", "POST"])
@staff_required
def points():
    form = PointForm()
    if form.validate_on_submit():
        point = services.save_point(None, current_user, **_fields(form))
        db.session.commit()
        flash(_("Pickup point %(name)s is saved.", name=point.name), "success")
        return redirect(url_for(".point", point_id=point.id))
    status = 422 if form.errors else 200
    return render_template("pickup/staff_points.html", points=services.all_points(),
                           form=form), status


def _point_page(point: PickupPoint, status: int = 200, form: HandoverForm | None = None):
    parcels = services.parcels_at(point.id)
    by_order: dict[int, list[PickupParcel]] = {}
    for parcel in parcels:
        by_order.setdefault(parcel.order_id, []).append(parcel)
    return render_template("pickup/staff_point.html", point=point, parcels=parcels,
                           by_order=by_order, handover_form=form or HandoverForm(),
                           format_datetime=format_datetime), status


@staff_bp.get("/<int:point_id>")
@staff_required
def point(point_id: int):
    return _point_page(_point(point_id))


@staff_bp.route("/<int:point_id>/ubah", methods=["GET", "POST"])
@staff_required
def edit(point_id: int):
    point = _point(point_id)
    form = PointForm(obj=point)
    if form.validate_on_submit():
        services.save_point(point, current_user, **_fields(form))
        db.session.commit()
        flash(_("Pickup point %(name)s is saved.", name=point.name), "success")
        return redirect(url_for(".point", point_id=point.id))
    status = 422 if form.errors else 200
    return render_template("pickup/staff_edit.html", point=point, form=form), status


@staff_bp.post("/<int:point_id>/terima/<int:parcel_id>")
@staff_required
def receive(point_id: int, parcel_id: int):
    parcel = db.session.get(PickupParcel, parcel_id)
    if parcel is None or parcel.point_id != point_id:
        abort(404)
    try:
        services.receive(parcel, current_user)
    except services.NotReady:
        db.session.rollback()
        flash(_("The seller has not marked this parcel ready yet. Receive it when she has."),
              "error")
        return redirect(url_for(".point", point_id=point_id))
    db.session.commit()
    flash(_("Parcel for order %(number)s received.", number=parcel.order.number), "success")
    return redirect(url_for(".point", point_id=point_id))


@staff_bp.post("/<int:point_id>/serahkan/<int:order_id>")
@staff_required
@limiter.limit("10/minute")
def hand_over(point_id: int, order_id: int):
    point = _point(point_id)
    order = db.session.scalar(sa.select(Order).where(Order.id == order_id)) or abort(404)
    form = HandoverForm()
    if not form.validate_on_submit():
        flash(_("Please type the buyer's 6-digit code."), "error")
        return _point_page(point, 422)
    try:
        services.hand_over(point, order, form.code.data, current_user)
    except handover.WrongCode as exc:
        db.session.commit()  # the miss is counted
        flash(_("That code is not right for order %(number)s. Nothing was handed over. "
                "Ask the buyer to show the code on her order page. Tries left: %(left)s.",
                number=order.number, left=exc.left), "error")
        return _point_page(point, 422)
    except handover.Locked as exc:
        db.session.rollback()
        flash(_("Too many wrong codes for order %(number)s. Try again after %(time)s.",
                number=order.number, time=format_datetime(exc.until, "short")), "error")
        return _point_page(point, 429)
    except services.NotReceived:
        db.session.rollback()
        flash(_("Not every parcel of order %(number)s is here yet. Receive them all first.",
                number=order.number), "error")
        return _point_page(point, 422)
    db.session.commit()
    flash(_("Order %(number)s is handed over. Thank you!", number=order.number), "success")
    return redirect(url_for(".point", point_id=point_id))


# ---- seller ---------------------------------------------------------------------------------

@seller_bp.route("/", methods=["GET", "POST"])
@seller_required
def mine():
    shop = current_shop()
    if request.method == "POST":
        chosen = {parse_id(v) for v in request.form.getlist("point")} - {None}
        services.set_shop_points(shop, chosen)
        db.session.commit()
        flash(_("Your pickup points are saved."), "success")
        return redirect(url_for(".mine"))
    mine = {p.id for p in services.points_of_shop(shop.id)}
    return render_template("pickup/seller_points.html", points=services.active_points(), mine=mine)
