"""/penjual/ulasan: reviews of her products, each with one reply."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from storefront.domain.reviews import MAX_REPLY, ReviewRefused
from storefront.extensions import db
from storefront.reviews import queries, services
from storefront.reviews.forms import ReplyForm
from storefront.reviews.labels import refusal_message
from storefront.seller.context import current_shop
from storefront.web.access import seller_required

bp = Blueprint("seller_reviews", __name__, url_prefix="/penjual/ulasan")


@bp.get("/")
@seller_required
def index():
    shop = current_shop()
    return render_template("reviews/seller.html", shop=shop, reviews=queries.for_shop(shop.id),
                           summary=queries.summary_for_shop(shop.id), form=ReplyForm())


@bp.post("/<int:review_id>/balas")
@seller_required
def reply(review_id: int):
    review = queries.of_shop(review_id, current_shop().id) or abort(404)
    form = ReplyForm()
    if not form.validate_on_submit():
        for error in form.reply.errors:
            flash(str(error), "error")
        return redirect(url_for("seller_reviews.index"))
    try:
        services.reply(review, form.reply.data)
    except ReviewRefused as error:
        db.session.rollback()
        flash(refusal_message(error, MAX_REPLY), "error")
        return redirect(url_for("seller_reviews.index"))
    db.session.commit()
    flash(_("Your reply is on the product page now."), "info")
    return redirect(url_for("seller_reviews.index"))
