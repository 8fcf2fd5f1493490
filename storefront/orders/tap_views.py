"""/tap/<token>: a seller's one-tap order action from WhatsApp. GET shows, only POST acts."""
from __future__ import annotations

from flask import Blueprint, render_template
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from storefront.accounts.models import Role
from storefront.domain.order_states import InvalidTransition
from storefront.extensions import db, limiter
from storefront.orders import tap_links
from storefront.security import keep_private

bp = Blueprint("order_tap", __name__, url_prefix="/tap")


def _messages() -> dict[str, tuple[str, int]]:
    return {
        "bad": (_("This link is not complete or was changed. Open the whole link from the "
                  "WhatsApp message again, or open your orders in Pasar Ibu."), 404),
        "other_shop": (_("This link is for another shop's order. Open your own orders in "
                         "Pasar Ibu."), 404),
        "expired": (_("This link is older than 3 days, so it no longer works. "
                      "Open your orders in Pasar Ibu to continue."), 410),
        "used": (_("This link was already used. Nothing more needs to be done with it. "
                   "Open your orders in Pasar Ibu to see where the order is."), 410),
        "moved": (_("This order has already moved on, so this button no longer fits. "
                    "Open your orders in Pasar Ibu to see where it is now."), 409),
    }


def _refused(code: str):
    message, status = _messages()[code]
    return render_template("orders/tap_refused.html", message=message), status


def _check_viewer(link) -> None:
    """A logged-in seller may only use links of her own shop."""
    if current_user.is_authenticated and current_user.role == Role.SELLER \
            and link.part.shop.owner_id != current_user.id:
        raise tap_links.LinkRefused("other_shop")


@bp.get("/<token>")
def confirm(token: str):
    keep_private()
    try:
        link = tap_links.read(token)
        _check_viewer(link)
    except tap_links.LinkRefused as exc:
        return _refused(exc.code)
    return render_template("orders/tap_confirm.html", link=link, part=link.part, token=token)


@bp.post("/<token>")
@limiter.limit("30/minute")
def act(token: str):
    keep_private()
    try:
        _check_viewer(tap_links.read(token))
        link = tap_links.act(token)
    except tap_links.LinkRefused as exc:
        db.session.rollback()
        return _refused(exc.code)
    except InvalidTransition:
        db.session.rollback()
        return _refused("moved")
    except IntegrityError:  # the same link, used at the same moment
        db.session.rollback()
        return _refused("used")
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return _refused("used")
    ready_link = tap_links.link_for(link.part, "ready") if link.action == "accept" else None
    return render_template("orders/tap_done.html", link=link, part=link.part,
                           ready_link=ready_link)
