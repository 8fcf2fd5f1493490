"""/penjual/notifikasi: a seller's order notices and staff messages; push on her phone."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from storefront import clock
from storefront.accounts.models import Role
from storefront.extensions import db
from storefront.notifications import contact_email, display, push_services
from storefront.notifications.forms import ContactEmailForm
from storefront.notifications.models import NoticeKind, Notification
from storefront.security import keep_private
from storefront.web.access import role_required, seller_required

bp = Blueprint("notifications", __name__, url_prefix="/penjual/notifikasi")

#: How many messages the list shows.
LIMIT = 100
#: Push is turned on by the seller herself, on her own phone (not a mentor for her).
own_seller_required = role_required(Role.SELLER)


@bp.app_template_filter("note_pieces")
def _note_pieces(text: str) -> list[display.Piece]:
    return display.pieces(text)


@bp.get("/")
@seller_required
def index():
    notes = list(db.session.scalars(
        sa.select(Notification).where(Notification.user_id == current_user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc()).limit(LIMIT)))
    unread = {note.id for note in notes if note.read_at is None}
    db.session.execute(sa.update(Notification)
                       .where(Notification.user_id == current_user.id,
                              Notification.read_at.is_(None))
                       .values(read_at=clock.now()))
    db.session.commit()
    orders = [n for n in notes if n.kind == NoticeKind.ORDER]
    messages = [n for n in notes if n.kind != NoticeKind.ORDER]
    return render_template("notifications/index.html", orders=orders, messages=messages,
                           unread=unread)


@bp.post("/push")
@own_seller_required
def push_on():
    try:
        push_services.subscribe(current_user, request.get_json(silent=True))
        db.session.commit()
    except push_services.BadSubscription:
        db.session.rollback()
        message = _("This phone could not turn on notifications.")
        if not request.is_json:  # a plain form post: back to her page, with the reason
            flash(message, "error")
            return redirect(url_for("seller.home"))
        return jsonify(error=message), 400
    except IntegrityError:  # the same phone, twice at once
        db.session.rollback()
    return jsonify(ok=True), 201


@bp.post("/push/hapus")
@own_seller_required
def push_off():
    push_services.unsubscribe(current_user, (request.get_json(silent=True) or {}).get("endpoint"))
    db.session.commit()
    return jsonify(ok=True), 200


@bp.route("/email", methods=["GET", "POST"])
@own_seller_required
def email():
    form = ContactEmailForm()
    if form.validate_on_submit():
        contact_email.set_email(current_user, form.email.data)
        db.session.commit()
        flash(_("We sent a link to %(email)s. Open it to confirm the address.",
                email=form.email.data.strip().lower()), "info")
        return redirect(url_for("notifications.email"))
    return render_template("notifications/email.html", form=form,
                           current=contact_email.current(current_user))


@bp.route("/email/konfirmasi/<token>", methods=["GET", "POST"])
@own_seller_required
def confirm_email(token: str):
    """GET shows a button; only the POST confirms (a link preview changes nothing)."""
    keep_private()
    try:
        if request.method == "GET":
            contact_email.check(current_user, token)
            return render_template("notifications/email_confirm.html", token=token)
        contact_email.confirm(current_user, token)
    except contact_email.LinkInvalid:
        db.session.rollback()
        message = _("This link does not work any more. Write your address again to get a new "
                    "one.")
        return render_template("orders/tap_refused.html", message=message), 404
    db.session.commit()
    flash(_("Your e-mail address is confirmed. Order messages will also come by e-mail."), "info")
    return redirect(url_for("notifications.email"))
