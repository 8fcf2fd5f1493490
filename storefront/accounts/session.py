"""Loading the logged-in user from the session cookie."""
from __future__ import annotations

from storefront.accounts.models import User
from storefront.extensions import db


def load_user(session_id: str) -> User | None:
    """Flask-Login loader: ``"<id>:<token>"``; a rotated token ends old sessions."""
    user_id, _, token = session_id.partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or user.session_token != token:
        return None
    return user
