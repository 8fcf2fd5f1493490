"""Finding and checking accounts, passwords and one-time links. Flushes, never commits."""
from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import timedelta

import sqlalchemy as sa

from storefront import clock
from storefront.accounts.models import AccountToken, Role, TokenPurpose, User
from storefront.domain.phone import InvalidPhone, normalise_phone
from storefront.extensions import db

log = logging.getLogger(__name__)

#: How long an invitation or reset link works.
TOKEN_LIFETIME = timedelta(days=7)
#: Shortest password accepted.
MIN_PASSWORD = 8


class LoginFailed(Exception):
    """Wrong identifier or password (deliberately not saying which)."""


class AccountExists(Exception):
    """The phone number or e-mail already belongs to an account."""

    def __init__(self, field: str):
        super().__init__(field)
        #: "phone" or "email"
        self.field = field


class TokenRefused(Exception):
    """A set-password link that cannot be used."""

    def __init__(self, code: str):
        super().__init__(code)
        #: "unknown", "used", "replaced" or "expired"
        self.code = code


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
    """Add an account; ``phone`` is normalised, ``email`` lower-cased.

    Raises ``AccountExists`` when the phone or e-mail is already used.
    """
    email = email.strip().lower() if email else None
    phone = normalise_phone(phone) if phone and phone.strip() else None
    if phone and db.session.scalar(sa.select(User.id).where(User.phone == phone)):
        raise AccountExists("phone")
    if email and db.session.scalar(sa.select(User.id).where(User.email == email)):
        raise AccountExists("email")
    user = User(name=name.strip(), role=role, email=email, phone=phone)
    if password:
        user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def register_buyer(name: str, password: str, *, email: str | None, phone: str | None) -> User:
    return create_user(name, password, Role.BUYER, email=email or None, phone=phone or None)


def change_password(user: User, current: str, new: str) -> None:
    """Set a new password after checking the current one; other sessions end."""
    if not user.check_password(current):
        raise LoginFailed
    user.set_password(new)
    db.session.flush()


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def issue_token(user: User, purpose: TokenPurpose, issued_by: User | None) -> str:
    """Make a one-time link secret for ``user``; older unused links stop working.

    Returns the raw secret: it is shown once and never stored.
    """
    now = clock.now()
    older = db.session.scalars(sa.select(AccountToken).where(
        AccountToken.user_id == user.id, AccountToken.used_at.is_(None),
        AccountToken.replaced_at.is_(None)))
    for token in older:
        token.replaced_at = now
    raw = secrets.token_urlsafe(32)
    db.session.add(AccountToken(
        user_id=user.id, purpose=purpose, token_hash=hash_token(raw),
        created_by_id=issued_by.id if issued_by else None,
        created_at=now, expires_at=now + TOKEN_LIFETIME))
    db.session.flush()
    return raw


def check_token(raw: str) -> AccountToken:
    """The usable token for ``raw``, or ``TokenRefused`` saying why not."""
    token = db.session.scalar(
        sa.select(AccountToken).where(AccountToken.token_hash == hash_token(raw or "")))
    if token is None:
        raise TokenRefused("unknown")
    if token.used_at is not None:
        log.warning("reuse of a used set-password link token=%s user=%s", token.id, token.user_id)
        raise TokenRefused("used")
    if token.replaced_at is not None:
        raise TokenRefused("replaced")
    if clock.now() >= token.expires_at:
        raise TokenRefused("expired")
    return token


def redeem_token(raw: str, password: str) -> User:
    """Set the password through a link, once; the link is spent.

    A conditional UPDATE spends it: of simultaneous uses exactly one wins, the others get
    ``TokenRefused("used")``.
    """
    token = check_token(raw)
    spent = db.session.execute(
        sa.update(AccountToken).where(AccountToken.id == token.id, AccountToken.used_at.is_(None),
                                      AccountToken.replaced_at.is_(None))
        .values(used_at=clock.now()).execution_options(synchronize_session=False))
    if spent.rowcount != 1:  # another request spent it a moment ago
        raise TokenRefused("used")
    db.session.refresh(token)
    token.user.set_password(password)
    db.session.flush()
    return token.user
