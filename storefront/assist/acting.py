"""A mentor acting for a seller: checked again on every request, shown, and audited.

The seller she acts for is kept in the session. Before every request the consent is
looked up again, so a revoked or expired consent ends the help at once. While it holds,
``g.assisted_seller`` is set: ``seller_required`` and ``current_shop()`` read it, every
page shows a banner, and every change under /penjual is audited as "mentor X for seller Y".
"""
from __future__ import annotations

import sqlalchemy as sa
from flask import Flask, abort, flash, g, has_request_context, request, session
from flask_babel import gettext as _
from flask_login import current_user, user_logged_out
from sqlalchemy.orm import Session

from storefront.accounts.models import User
from storefront.assist import services
from storefront.audit.services import record
from storefront.extensions import db
from storefront.shops.models import Shop

#: Session key holding the id of the seller a mentor acts for.
SESSION_KEY = "assist_seller_id"

#: Pages a mentor may never open while acting: her password, bank account and payout
#: details, the consent page itself (no one extends her own consent), new password links.
FORBIDDEN_WHILE_ACTING_BLUEPRINTS = frozenset({"earnings", "staff_ledger", "assist_seller"})
FORBIDDEN_WHILE_ACTING = frozenset({"accounts.change", "onboarding.new_link"})
#: Pages with a seller's bank account, which a mentor never sees unless she is also finance.
BANK_PAGES = frozenset({"staff_ledger.shop_ledger", "staff_ledger.set_account",
                        "staff_ledger.record_payout"})
#: Requests that change nothing.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def start(seller: User) -> None:
    session[SESSION_KEY] = seller.id


def stop() -> None:
    session.pop(SESSION_KEY, None)


def _check_acting():
    if request.endpoint == "static":
        return None
    seller_id = session.get(SESSION_KEY)
    if seller_id is None and request.endpoint not in BANK_PAGES:
        return None
    mentor = current_user._get_current_object() if current_user.is_authenticated else None
    if services.is_mentor(mentor) and not mentor.has_permission("finance") \
            and request.endpoint in BANK_PAGES:
        abort(403)
    if seller_id is None:
        return None
    consent = services.active_consent(mentor.id, seller_id) \
        if services.is_mentor(mentor) and isinstance(seller_id, int) else None
    if consent is None:
        stop()
        if services.is_mentor(mentor):
            flash(_("Your permission to help this seller has ended or was taken back. "
                    "Ask her to allow it again if she still wants help."), "error")
        return None
    g.assisted_seller = consent.seller
    g.assist_consent = consent
    if request.blueprint in FORBIDDEN_WHILE_ACTING_BLUEPRINTS \
            or request.endpoint in FORBIDDEN_WHILE_ACTING:
        abort(403)
    return None


def _banner():
    seller = g.get("assisted_seller")
    if seller is None:
        return {"assisting": None}
    return {"assisting": seller}


def audit_now(action: str, seller: User, *, reason: str = "") -> None:
    """One audit entry "mentor X for seller Y" for this request, from the view itself."""
    shop_id = db.session.scalar(sa.select(Shop.id).where(Shop.owner_id == seller.id))
    record(current_user._get_current_object(), action, shop_id=shop_id,
           subject=request.path[:80], reason=reason, on_behalf_of=seller)
    g.assist_audited = True


@sa.event.listens_for(Session, "before_commit")
def _audit_assisted_change(session_) -> None:  # noqa: ARG001
    """Every committed change a mentor makes in the seller dashboard is audited once."""
    if not has_request_context():
        return
    seller = g.get("assisted_seller")
    if seller is None or g.get("assist_audited") or request.method in SAFE_METHODS:
        return
    if not request.path.startswith("/penjual"):
        return
    audit_now(f"assist.{request.endpoint or 'change'}"[:60], seller)


def _forget(sender, user=None, **extra) -> None:  # noqa: ARG001
    stop()


def install(app: Flask) -> None:
    app.before_request(_check_acting)
    user_logged_out.connect(_forget, app)
    app.context_processor(_banner)
