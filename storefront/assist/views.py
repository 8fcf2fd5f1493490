"""Assisted selling: she allows a mentor (/penjual/pendamping); staff record and act (/staf/dampingi)."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from storefront import clock
from storefront.accounts.models import Role, User
from storefront.assist import acting, services
from storefront.assist.forms import GrantForm, StaffConsentForm
from storefront.extensions import db
from storefront.shops.models import Shop
from storefront.web.access import acting_for, role_required, staff_required

seller_bp = Blueprint("assist_seller", __name__, url_prefix="/penjual/pendamping")
staff_bp = Blueprint("assist_staff", __name__, url_prefix="/staf/dampingi")

#: Only the seller herself, never a mentor acting for her.
own_seller_required = role_required(Role.SELLER)


def _mentor_choices() -> list[tuple[int, str]]:
    return [(0, _("Choose…"))] + [(m.id, m.name) for m in services.mentors()]


def _seller_page(form: GrantForm, status: int = 200):
    return render_template("assist/seller.html", form=form,
                           consents=services.consents_of_seller(current_user.id)), status


@seller_bp.get("/")
@own_seller_required
def consents():
    form = GrantForm()
    form.mentor_id.choices = _mentor_choices()
    return _seller_page(form)


@seller_bp.post("/")
@own_seller_required
def grant():
    form = GrantForm()
    form.mentor_id.choices = _mentor_choices()
    if not form.validate_on_submit():  # shown again with the mistakes, like her other forms
        return _seller_page(form)
    mentor = db.session.get(User, form.mentor_id.data)
    try:
        services.grant(current_user, mentor, form.days.data, current_user)
    except (services.NotAMentor, services.NotASeller):
        db.session.rollback()
        abort(404)
    db.session.commit()
    flash(ngettext("%(name)s may now help you with your shop for %(num)s day. "
                   "You can stop it here at any time.",
                   "%(name)s may now help you with your shop for %(num)s days. "
                   "You can stop it here at any time.", form.days.data, name=mentor.name), "success")
    return redirect(url_for(".consents"))


@seller_bp.post("/<int:consent_id>/cabut")
@own_seller_required
def revoke(consent_id: int):
    consent = services.own_consent(current_user.id, consent_id) or abort(404)
    try:
        services.revoke(consent, current_user)
    except services.AlreadyRevoked:
        flash(_("This permission was already stopped."), "info")
        return redirect(url_for(".consents"))
    db.session.commit()
    flash(_("Stopped. %(name)s can no longer act for you.", name=consent.mentor.name), "success")
    return redirect(url_for(".consents"))


def _shop_choices() -> list[tuple[int, str]]:
    shops = db.session.execute(sa.select(Shop.id, Shop.name).order_by(Shop.name)).all()
    return [(0, _("Choose…"))] + [(shop_id, name) for shop_id, name in shops]


def _staff_page(form: StaffConsentForm, status: int = 200):
    mine = services.helped_by(current_user.id) if services.is_mentor(current_user) else []
    return render_template("assist/staff.html", form=form, mine=mine,
                           is_mentor=services.is_mentor(current_user),
                           recent=services.recent()), status


def _staff_form() -> StaffConsentForm:
    form = StaffConsentForm()
    form.shop_id.choices = _shop_choices()
    form.mentor_id.choices = _mentor_choices()
    return form


@staff_bp.get("/")
@staff_required
def index():
    form = _staff_form()
    if form.given_on.data is None:
        form.given_on.data = clock.today_local()
    return _staff_page(form)


@staff_bp.post("/catat")
@staff_required
def record_consent():
    form = _staff_form()
    if not form.validate_on_submit():
        return _staff_page(form, 400)
    shop = db.session.get(Shop, form.shop_id.data) or abort(404)
    mentor = db.session.get(User, form.mentor_id.data) or abort(404)
    try:
        services.grant(shop.owner, mentor, form.days.data, current_user,
                       given_on=form.given_on.data)
    except (services.NotAMentor, services.NotASeller):
        db.session.rollback()
        flash(_("That person cannot be chosen here."), "error")
        return _staff_page(form, 400)
    db.session.commit()
    flash(_("Consent recorded: %(mentor)s may help %(seller)s.",
            mentor=mentor.name, seller=shop.owner.name), "success")
    return redirect(url_for(".index"))


@staff_bp.post("/<int:shop_id>")
@staff_required
def start(shop_id: int):
    if not services.is_mentor(current_user):
        flash(_("Only staff with the mentor permission can help a seller this way."), "error")
        return redirect(url_for(".index"))
    shop = db.session.get(Shop, shop_id) or abort(404)
    if services.active_consent(current_user.id, shop.owner_id) is None:
        abort(403)
    acting.start(shop.owner)
    acting.audit_now("assist.start", shop.owner)
    db.session.commit()
    flash(_("You are now helping %(name)s.", name=shop.owner.name), "info")
    return redirect(url_for("seller.home"))


@staff_bp.post("/berhenti")
@staff_required
def stop():
    seller = acting_for()
    acting.stop()
    if seller is not None:
        acting.audit_now("assist.stop", seller)
        db.session.commit()
    flash(_("You stopped helping. You are back in your own account."), "info")
    return redirect(url_for(".index"))
