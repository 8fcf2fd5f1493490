"""People who use the shop: buyers, sellers and programme staff."""
from __future__ import annotations

import enum
import secrets
from datetime import datetime

import sqlalchemy as sa
from flask import current_app, has_app_context
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from storefront import clock
from storefront.config import PASSWORD_HASH_METHOD
from storefront.dbtypes import enum_type
from storefront.extensions import db


class Role(enum.StrEnum):
    #: buys from the shop; may also check out as a guest without an account
    BUYER = "buyer"
    #: a programme beneficiary who runs one shop; onboarded by staff only
    SELLER = "seller"
    #: programme staff: curate, onboard, confirm payments, pay out
    STAFF = "staff"


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the name shown to staff and, for sellers, on their shop
    name: Mapped[str] = mapped_column(sa.String(120))
    #: lower-cased e-mail; optional because many sellers have none
    email: Mapped[str | None] = mapped_column(sa.String(254), unique=True)
    #: phone in E.164 (+62…); the usual login for sellers
    phone: Mapped[str | None] = mapped_column(sa.String(20), unique=True)
    #: scrypt hash from werkzeug; empty until an invited seller sets her password
    password_hash: Mapped[str | None] = mapped_column(sa.String(255))
    #: what this person may do
    role: Mapped[Role] = mapped_column(enum_type(Role), default=Role.BUYER)
    #: false blocks login without deleting anything
    is_enabled: Mapped[bool] = mapped_column(default=True)
    #: rotated on logout-everywhere and password change; part of the session id
    session_token: Mapped[str] = mapped_column(sa.String(32), default=lambda: secrets.token_hex(16))
    #: extra permissions of a staff member, comma-separated: "finance", "mentor"
    permissions: Mapped[str] = mapped_column(sa.String(200), default="", server_default="")
    #: when the account was made (UTC)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    def get_id(self) -> str:
        """Flask-Login id: a changed token logs out every old session."""
        return f"{self.id}:{self.session_token}"

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.is_enabled

    def set_password(self, password: str) -> None:
        method = (current_app.config.get("PASSWORD_HASH_METHOD", PASSWORD_HASH_METHOD)
                  if has_app_context() else PASSWORD_HASH_METHOD)
        self.password_hash = generate_password_hash(password, method=method)
        self.end_all_sessions()

    def end_all_sessions(self) -> None:
        """Invalidate every session and "remember me" cookie of this account, on every phone."""
        self.session_token = secrets.token_hex(16)

    def check_password(self, password: str) -> bool:
        return bool(self.password_hash) and check_password_hash(self.password_hash, password)

    @property
    def is_staff(self) -> bool:
        return self.role == Role.STAFF

    @property
    def is_seller(self) -> bool:
        return self.role == Role.SELLER

    def has_permission(self, name: str) -> bool:
        """True when ``name`` is among her extra permissions (e.g. "finance")."""
        return name in {p.strip() for p in (self.permissions or "").split(",")}

class TokenPurpose(enum.StrEnum):
    #: staff onboarded a seller; she sets her first password with it
    INVITE = "invite"
    #: staff issued a new link because she forgot her password
    RESET = "reset"


class AccountToken(db.Model):
    """A one-time link to set a password. Only the SHA-256 of the token is kept."""

    __tablename__ = "account_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the account whose password the link sets
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    #: invitation or password reset
    purpose: Mapped[TokenPurpose] = mapped_column(enum_type(TokenPurpose))
    #: hex SHA-256 of the secret in the link; the secret itself is never stored
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    #: the staff member who issued it
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    #: when it was issued (UTC)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    #: after this moment (UTC) the link no longer works
    expires_at: Mapped[datetime] = mapped_column()
    #: when it was used to set a password (UTC); a used link never works again
    used_at: Mapped[datetime | None] = mapped_column()
    #: when a newer link for the same account replaced it (UTC)
    replaced_at: Mapped[datetime | None] = mapped_column()

    user: Mapped[User] = relationship(foreign_keys=[user_id])
