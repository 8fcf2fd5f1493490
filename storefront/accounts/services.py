"""Finding and checking accounts. Flushes, never commits."""
from __future__ import annotations

import sqlalchemy as sa

from storefront.accounts.models import Role, User
from storefront.domain.phone import InvalidPhone, normalise_phone
from storefront.extensions import db


class LoginFailed(Exception):
    """Wrong identifier or password (deliberately not saying which)."""


def find_by_login(identifier: str) -> User | None:
    """The account for an e-mail or a phone number in any usual Indonesian form."""
    identifier = (identifier or "").strip()
    if "@" in identifier:
        return db.session.scalar(sa.select(User).where(User.email == identifier.lower()))
    try:
        phone = normalise_phone(identifier)
    except InvalidPhone:
        return None
    return db.session.scalar(sa.select(User).where(User.phone == phone))


def authenticate(identifier: str, password: str) -> User:
    user = find_by_login(identifier)
    if user is None or not user.is_enabled or not user.check_password(password):
        raise LoginFailed
    return user


def create_user(name: str, password: str | None, role: Role, *, email: str | None = None,
                phone: str | None = None) -> User:
    """Add an account; ``phone`` is normalised, ``email`` lower-cased."""
    user = User(name=name.strip(), role=role,
                email=email.strip().lower() if email else None,
                phone=normalise_phone(phone) if phone else None)
    if password:
        user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user
