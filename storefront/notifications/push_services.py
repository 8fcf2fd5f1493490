"""A seller's phones that receive push notifications: turn on, turn off."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import current_app

from storefront.accounts.models import User
from storefront.extensions import db
from storefront.notifications.delivery_models import PushSubscription

#: base64url, as browsers give the subscription's keys.
KEY = re.compile(r"[A-Za-z0-9_\-]+={0,2}")


class BadSubscription(ValueError):
    """Not a browser push subscription this shop can use."""


def _endpoint_ok(endpoint: str) -> bool:
    url = urlsplit(endpoint)
    if url.scheme == "https" and url.hostname:
        return True
    # the loopback push-service fake of the tests speaks plain http
    return current_app.testing and url.scheme == "http" and url.hostname == "127.0.0.1"


def subscribe(user: User, data: object) -> PushSubscription:
    """Store ``{"endpoint", "keys": {"p256dh", "auth"}}`` for her; a repeat updates the keys."""
    if not isinstance(data, dict) or not isinstance(data.get("keys"), dict):
        raise BadSubscription
    endpoint, keys = data.get("endpoint"), data["keys"]
    p256dh, auth = keys.get("p256dh"), keys.get("auth")
    if not (isinstance(endpoint, str) and len(endpoint) <= 1000 and _endpoint_ok(endpoint)):
        raise BadSubscription
    for key, most in ((p256dh, 200), (auth, 100)):
        if not (isinstance(key, str) and len(key) <= most and KEY.fullmatch(key)):
            raise BadSubscription
    sub = db.session.scalar(sa.select(PushSubscription).where(PushSubscription.endpoint == endpoint))
    if sub is None:
        sub = PushSubscription(endpoint=endpoint, user_id=user.id, p256dh=p256dh, auth=auth)
        db.session.add(sub)
    else:  # the same browser, perhaps now logged in as her
        sub.user_id, sub.p256dh, sub.auth = user.id, p256dh, auth
    db.session.flush()
    return sub


def unsubscribe(user: User, endpoint: object) -> None:
    db.session.execute(sa.delete(PushSubscription).where(
        PushSubscription.user_id == user.id, PushSubscription.endpoint == str(endpoint)))
