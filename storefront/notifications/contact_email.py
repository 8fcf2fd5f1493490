"""A seller's e-mail address for order messages, used only once she confirmed it by a link.

The link is signed (itsdangerous, its own salt), names her account and the address,
lasts 3 days and confirms only the address she set last; confirming is a conditional
UPDATE, so a second use changes nothing.
"""
from __future__ import annotations

import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeSerializer

from storefront import clock
from storefront.accounts.models import User
from storefront.extensions import db
from storefront.notifications.delivery_models import Channel, ContactEmail
from storefront.notifications.outbox import queue_message

SALT = "pasar-ibu.contact-email.v1"
#: How long a confirmation link works (by ``clock.now()``).
LIFETIME = timedelta(days=3)
#: Times in links are whole seconds since this moment (naive UTC, like ``clock.now()``).
EPOCH = datetime(1970, 1, 1)


class LinkInvalid(Exception):
    """The confirmation link is broken, too old, or for an address she has since changed."""


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def current(user: User) -> ContactEmail | None:
    return db.session.scalar(sa.select(ContactEmail).where(ContactEmail.user_id == user.id))


def set_email(user: User, email: str) -> ContactEmail:
    """Store a new, unconfirmed address and mail it a confirmation link (after the commit)."""
    email = email.strip().lower()
    row = current(user)
    if row is None:
        row = ContactEmail(user_id=user.id, email=email)
        db.session.add(row)
    else:
        row.email, row.confirmed_at, row.created_at = email, None, clock.now()
    db.session.flush()
    token = _serializer().dumps({"u": user.id, "e": email,
                                 "t": int((clock.now() - EPOCH).total_seconds())})
    link = current_app.config["PUBLIC_BASE_URL"].rstrip("/") + url_for(
        "notifications.confirm_email", token=token, _external=False)
    with force_locale("id"):
        body = _("Open this link to receive your Pasar Ibu order messages at this address: "
                 "%(link)s\nIf you did not ask for this, ignore this e-mail.", link=link)
        subject = _("Confirm your e-mail for Pasar Ibu")
    queue_message(f"email.confirm:{row.id}:{secrets.token_hex(6)}", Channel.EMAIL, email,
                  {"subject": subject, "body": body}, user_id=user.id)
    return row


def check(user: User, token: str) -> ContactEmail:
    """The address the link confirms; ``LinkInvalid`` when it cannot (changes nothing)."""
    try:
        data = _serializer().loads(token)
        user_id, email = int(data["u"]), str(data["e"])
        issued = EPOCH + timedelta(seconds=int(data["t"]))
    except (BadSignature, KeyError, TypeError, ValueError, OverflowError):
        raise LinkInvalid from None
    if user_id != user.id or clock.now() - issued >= LIFETIME:
        raise LinkInvalid
    row = current(user)
    if row is None or row.email != email:
        raise LinkInvalid
    return row


def confirm(user: User, token: str) -> bool:
    """Confirm her address; True if it changed now, False if it was already confirmed."""
    row = check(user, token)
    email = row.email
    done = db.session.execute(
        sa.update(ContactEmail).where(ContactEmail.id == row.id, ContactEmail.email == email,
                                      ContactEmail.confirmed_at.is_(None))
        .values(confirmed_at=clock.now()).execution_options(synchronize_session=False))
    return done.rowcount == 1
