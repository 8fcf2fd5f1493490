"""/staf/ulasan: the newest reviews; staff hide one with a reason (audit-logged)."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from storefront.domain.reviews import TextRequired
from storefront.extensions import db
from storefront.reviews import queries, services
from storefront.reviews.forms import HideForm
from storefront.reviews.labels import refusal_message
from storefront.reviews.models import Review
from storefront.web.access import staff_required

bp = Blueprint("staff_reviews", __name__, url_prefix="/staf/ulasan")


@bp.get("/")
@staff_required
def index():
    return render_template("reviews/staff.html", reviews=queries.for_staff(), form=HideForm())


@bp.post("/<int:review_id>/sembunyikan")
@staff_required
def hide(review_id: int):
    review = db.session.get(Review, review_id) or abort(404)
    form = HideForm()
    if not form.validate_on_submit():
        for error in form.reason.errors:
            flash(str(error), "error")
        return redirect(url_for("staff_reviews.index"))
    try:
        changed = services.hide(review, current_user, form.reason.data)
    except TextRequired as error:
        db.session.rollback()
        flash(refusal_message(error), "error")
        return redirect(url_for("staff_reviews.index"))
    db.session.commit()
    flash(_("The review is hidden.") if changed else _("This review was already hidden."), "info")
    return redirect(url_for("staff_reviews.index"))
