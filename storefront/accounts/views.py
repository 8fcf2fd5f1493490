"""Logging in and out, registering as a buyer, and setting or changing a password."""
from __future__ import annotations

import logging

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from storefront.accounts import login_limits
from storefront.accounts.forms import ChangePasswordForm, LoginForm, RegisterForm, SetPasswordForm
from storefront.accounts.models import TokenPurpose
from storefront.accounts.services import (
    AccountExists,
    LoginFailed,
    TokenRefused,
    authenticate,
    change_password,
    check_token,
    redeem_token,
    register_buyer,
)
from storefront.accounts.session import start_fresh_session
from storefront.extensions import db, limiter
from storefront.security import keep_private
from storefront.web.access import home_for
from storefront.web.redirects import safe_next

log = logging.getLogger(__name__)
bp = Blueprint("accounts", __name__, url_prefix="/akun")


def _token_messages() -> dict[str, str]:
    return {
        "unknown": _("This link is not valid. Check that you opened the whole link, "
                     "or ask the programme staff for a new one."),
        "used": _("This link has already been used. Log in with your phone number and password, "
                  "or ask the programme staff for a new link."),
        "replaced": _("A newer link was made for you, so this one no longer works. "
                      "Open the newest link, or ask the programme staff for a new one."),
        "expired": _("This link has expired: links work for 7 days. "
                     "Ask the programme staff for a new link."),
    }


@bp.route("/masuk", methods=["GET", "POST"])
@login_limits.limited  # per address, per account and address, per account (growing)
def login():
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = authenticate(form.login.data, form.password.data)
        except LoginFailed:
            log.info("login failed")  # no identifier: phone numbers and e-mails stay out of logs
            form.password.errors.append(
                _("The phone number, e-mail or password is wrong. Check them and try again."))
        else:
            start_fresh_session()
            login_user(user, remember=form.remember.data)
            log.info("login ok user=%s", user.id)
            return redirect(safe_next(request.args.get("next")) or home_for(user))
    return render_template("accounts/login.html", form=form)


@bp.post("/keluar")
@login_required
def logout():
    current_user.end_all_sessions()  # the old cookie, and "remember me" ones, stop working
    logout_user()
    db.session.commit()
    flash(_("You have logged out."), "info")
    return redirect(url_for("site.home"))


@bp.route("/daftar", methods=["GET", "POST"])
@limiter.limit("10/minute", methods=["POST"])
def register():
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = register_buyer(form.name.data, form.password.data,
                                  email=form.email.data, phone=form.phone.data)
        except AccountExists as exc:
            field = form.phone if exc.field == "phone" else form.email
            field.errors.append(_("There is already an account with this. Log in instead."))
        else:
            db.session.commit()
            start_fresh_session()
            login_user(user)
            flash(_("Welcome to Pasar Ibu! Your account is ready."), "info")
            return redirect(url_for("site.home"))
    return render_template("accounts/register.html", form=form)


@bp.route("/sandi", methods=["GET", "POST"])
@login_required
def change():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            change_password(current_user, form.current.data, form.password.data)
        except LoginFailed:
            form.current.errors.append(_("The current password is wrong. Try again."))
        else:
            db.session.commit()
            login_user(current_user._get_current_object())  # the session id changed with the password
            flash(_("Your password has been changed. Other phones are logged out."), "info")
            return redirect(home_for(current_user))
    return render_template("accounts/change_password.html", form=form)


@bp.route("/atur-sandi/<token>", methods=["GET", "POST"])
@limiter.limit("20/minute", methods=["POST"])
def set_password(token: str):
    keep_private()  # the link is a secret: never cached, never sent on as a Referer
    try:
        found = check_token(token)
    except TokenRefused as exc:
        status = 404 if exc.code == "unknown" else 410
        return render_template("accounts/link_refused.html",
                               message=_token_messages()[exc.code]), status
    form = SetPasswordForm()
    if form.validate_on_submit():
        try:
            user = redeem_token(token, form.password.data)
        except TokenRefused as exc:
            db.session.rollback()
            return render_template("accounts/link_refused.html",
                                   message=_token_messages()[exc.code]), 410
        db.session.commit()
        logout_user()
        start_fresh_session()
        login_user(user)
        flash(_("Your password is saved. Next time, log in with your phone number and this password."),
              "info")
        return redirect(home_for(user))
    return render_template("accounts/set_password.html", form=form, user=found.user,
                           invite=found.purpose == TokenPurpose.INVITE)
