"""Logging in and out."""
from __future__ import annotations

import logging

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from storefront.accounts.forms import LoginForm
from storefront.accounts.services import LoginFailed, authenticate
from storefront.extensions import db
from storefront.web.access import home_for, safe_next

log = logging.getLogger(__name__)
bp = Blueprint("accounts", __name__, url_prefix="/akun")


@bp.route("/masuk", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = authenticate(form.login.data, form.password.data)
        except LoginFailed:
            log.info("login failed")
            form.password.errors.append(
                _("The phone number, e-mail or password is wrong. Check them and try again."))
        else:
            login_user(user, remember=form.remember.data)
            log.info("login ok user=%s", user.id)
            return redirect(safe_next(request.args.get("next")) or home_for(user))
    return render_template("accounts/login.html", form=form)


@bp.post("/keluar")
@login_required
def logout():
    logout_user()
    db.session.commit()
    flash(_("You have logged out."), "info")
    return redirect(url_for("site.home"))
