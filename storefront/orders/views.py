"""The buyer's pages: confirmation, tracking by secret link, and her order history."""
from __future__ import annotations

from flask import Blueprint, abort, render_template
from flask_babel import format_datetime
from flask_login import current_user, login_required

from storefront.orders import queries
from storefront.orders.labels import (
    action_label,
    fulfilment_label,
    method_label,
    order_status_label,
    status_label,
)
from storefront.payments.services import latest_for_order
from storefront.security import keep_private

bp = Blueprint("orders", __name__)


@bp.app_context_processor
def _order_helpers() -> dict:
    return {"status_label": status_label, "order_status_label": order_status_label,
            "fulfilment_label": fulfilment_label, "action_label": action_label,
            "method_label": method_label,
            "format_datetime": format_datetime}


@bp.get("/pesanan/<token>")
def track(token: str):
    keep_private()  # a secret link to her name, phone and address: never cached
    order = queries.by_token(token) or abort(404)
    return render_template("orders/track.html", order=order, confirmation=False,
                           payment=latest_for_order(order.id), **queries.buyer_view(order))


@bp.get("/pesanan/<token>/terima-kasih")
def confirmation(token: str):
    keep_private()  # a secret link to her name, phone and address: never cached
    order = queries.by_token(token) or abort(404)
    return render_template("orders/track.html", order=order, confirmation=True,
                           payment=latest_for_order(order.id), **queries.buyer_view(order))


@bp.get("/akun/pesanan")
@login_required
def history():
    return render_template("orders/history.html", orders=queries.for_buyer(current_user.id))
