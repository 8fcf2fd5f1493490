"""Loading the logged-in user from the session cookie."""
from __future__ import annotations

import contextlib

from flask import request, session

from storefront.accounts.models import User
from storefront.domain.numbers import parse_id
from storefront.domain.phone import InvalidPhone, normalise_phone
from storefront.extensions import db

#: Session keys that survive logging in: a guest's cart is merged into her account after login.
CARRIED_OVER = ("cart", "cart_choice")


def load_user(session_id: str) -> User | None:
    """Flask-Login loader: ``"<id>:<token>"``; a rotated token ends old sessions."""
    raw_id, _, token = session_id.partition(":")
    user_id = parse_id(raw_id)
    if user_id is None or not token:
        return None
    user = db.session.get(User, user_id)
    if user is None or user.session_token != token:
        return None
    return user


def start_fresh_session() -> None:
    """Before logging in: drop everything in the session but the guest's cart, so nothing
    planted in a session before login (session fixation) carries into the logged-in one."""
    kept = {key: session[key] for key in CARRIED_OVER if key in session}
    session.clear()
    session.update(kept)


def login_attempt_key() -> str:
    """Rate-limit key for login attempts on one account, whatever the IP address."""
    return account_key(request.form.get("login") or "")


def account_key(identifier: str) -> str:
    """The rate-limit key of one account, however its phone number is written."""
    identifier = identifier.strip().lower()[:254]
    if "@" not in identifier:
        with contextlib.suppress(InvalidPhone):  # a malformed number is its own key
            identifier = normalise_phone(identifier)
    return f"login-account:{identifier}"
