"""/staf/pesanan: every order, filtered by status or shop; staff may cancel with a reason."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from storefront.domain.numbers import bounded_id
from storefront.domain.order_states import (
    FINAL,
    STAFF_MAY_CANCEL,
    InvalidTransition,
    SellerOrderStatus,
)
from storefront.extensions import db
from storefront.orders import queries, services
from storefront.orders.forms import CancelForm
from storefront.orders.models import SellerOrder
from storefront.payments.providers import ProviderError
from storefront.shops.models import Shop
from storefront.web.access import staff_required

bp = Blueprint("staff_orders", __name__, url_prefix="/staf/pesanan")


@bp.get("/")
@staff_required
def index():
    try:
        status = SellerOrderStatus(request.args["status"]) if request.args.get("status") else None
    except ValueError:
        status = None
    shop_id = request.args.get("shop", type=bounded_id)
    shops = db.session.scalars(sa.select(Shop).order_by(Shop.name)).all()
    return render_template("orders/staff.html", parts=queries.for_staff(status, shop_id),
                           shops=shops, status=status, shop_id=shop_id,
                           statuses=list(SellerOrderStatus), final=FINAL - STAFF_MAY_CANCEL,
                           cancel_form=CancelForm())


@bp.post("/<int:part_id>/batal")
@staff_required
def cancel(part_id: int):
    part = db.session.get(SellerOrder, part_id) or abort(404)
    form = CancelForm()
    if not form.validate_on_submit():
        flash(_("Please write why you cancel, so the buyer understands."), "error")
        return redirect(url_for("staff_orders.index"))
    try:
        services.cancel(part, current_user, form.reason.data, by_staff=True)
    except (InvalidTransition, services.ReasonRequired):
        db.session.rollback()
        flash(_("This order is already finished and cannot be cancelled."), "error")
        return redirect(url_for("staff_orders.index"))
    except ProviderError:
        db.session.rollback()
        flash(_("The card company did not accept the refund, so nothing was cancelled. "
                "Try again later."), "error")
        return redirect(url_for("staff_orders.index"))
    db.session.commit()
    flash(_("Order %(number)s cancelled.", number=part.order.number), "info")
    return redirect(url_for("staff_orders.index"))
