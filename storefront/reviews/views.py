"""/pesanan/<token>/ulasan/<line>: the buyer reviews one line of her handed-over order.

The form is bound to the secret tracking token and the order line, so a guest can review,
and nobody can review a product she did not buy or through someone else's link.
"""
from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from storefront.accounts.models import Role
from storefront.domain.reviews import AlreadyReviewed, ReviewRefused, stars
from storefront.extensions import db
from storefront.orders.models import Order
from storefront.reviews import queries, services
from storefront.reviews.forms import ReviewForm
from storefront.reviews.labels import refusal_message

bp = Blueprint("reviews", __name__)


def order_reviews(order: Order) -> dict:
    """{line id: review} for an order; one query per request, for the tracking page."""
    cache = g.setdefault("_order_reviews", {})
    if order.id not in cache:
        line_ids = [line.id for part in order.parts for line in part.lines]
        cache[order.id] = queries.for_lines(line_ids)
    return cache[order.id]


bp.add_app_template_global(order_reviews, "order_reviews")
bp.add_app_template_global(stars, "stars")


def _line(token: str, line_id: int):
    """The line of this order, for a buyer (or a guest); sellers and staff do not review."""
    if current_user.is_authenticated and current_user.role != Role.BUYER:
        abort(403)
    line = queries.line_of_order(token, line_id) or abort(404)
    order = line.seller_order.order
    if (current_user.is_authenticated and order.buyer_id is not None
            and order.buyer_id != current_user.id):
        abort(404)
    return line


def _back(token: str):
    return redirect(url_for("orders.track", token=token))


@bp.route("/pesanan/<token>/ulasan/<int:line_id>", methods=["GET", "POST"])
def review(token: str, line_id: int):
    line = _line(token, line_id)
    try:
        services.check_may_review(line)
    except ReviewRefused as error:
        flash(refusal_message(error), "info" if isinstance(error, AlreadyReviewed) else "error")
        return _back(token)
    form = ReviewForm()
    if not form.validate_on_submit():
        status = 400 if form.is_submitted() else 200
        return render_template("reviews/form.html", form=form, line=line, token=token), status
    try:
        services.leave_review(line, form.rating.data, form.text.data)
        db.session.commit()
    except ReviewRefused as error:
        db.session.rollback()
        flash(refusal_message(error), "error")
        return _back(token)
    except IntegrityError:  # the same form sent twice at once: the first one won
        db.session.rollback()
        flash(refusal_message(AlreadyReviewed(line.id)), "info")
        return _back(token)
    flash(_("Thank you! Your review of %(product)s is on the product page now.",
            product=line.product_name), "info")
    return _back(token)
