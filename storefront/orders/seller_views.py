"""/penjual/pesanan: the seller's order inbox, one tap per step."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from storefront.domain.order_states import SELLER_MAY_CANCEL, SELLER_NEXT_STEP, InvalidTransition
from storefront.domain.order_states import SellerOrderStatus as S
from storefront.extensions import db
from storefront.orders import queries, services
from storefront.orders.forms import CancelForm
from storefront.seller.context import current_shop
from storefront.web.access import seller_required

bp = Blueprint("seller_orders", __name__, url_prefix="/penjual/pesanan")


@bp.get("/")
@seller_required
def inbox():
    shop = current_shop()
    return render_template("orders/inbox.html", shop=shop, parts=queries.for_shop(shop.id),
                           next_step=SELLER_NEXT_STEP, may_cancel=SELLER_MAY_CANCEL,
                           cancel_form=CancelForm())


def _own_part(part_id: int):
    return queries.part_of_shop(part_id, current_shop().id) or abort(404)


@bp.post("/<int:part_id>/langkah")
@seller_required
def step(part_id: int):
    part = _own_part(part_id)
    try:
        target = S(request.form.get("to", ""))
        services.seller_move(part, target, current_user)
    except (ValueError, InvalidTransition):
        db.session.rollback()
        flash(_("This order cannot move that way. The list below shows where it is now."),
              "error")
        return redirect(url_for("seller_orders.inbox"))
    db.session.commit()
    flash(_("Order %(number)s updated.", number=part.order.number), "info")
    return redirect(url_for("seller_orders.inbox"))


@bp.post("/<int:part_id>/batal")
@seller_required
def cancel(part_id: int):
    part = _own_part(part_id)
    form = CancelForm()
    if not form.validate_on_submit():
        flash(_("Please write why you cancel, so the buyer understands."), "error")
        return redirect(url_for("seller_orders.inbox"))
    try:
        services.cancel(part, current_user, form.reason.data, by_staff=False)
    except (InvalidTransition, services.ReasonRequired):
        db.session.rollback()
        flash(_("After accepting an order you cannot cancel it yourself. "
                "Ask the programme staff for help."), "error")
        return redirect(url_for("seller_orders.inbox"))
    db.session.commit()
    flash(_("Order %(number)s cancelled. The stock is back in your shop.",
            number=part.order.number), "info")
    return redirect(url_for("seller_orders.inbox"))
