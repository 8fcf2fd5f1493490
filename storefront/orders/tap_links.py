"""Signed one-tap links for a seller's order: accept, then ready, from WhatsApp.

A link names one seller order, its shop, one action and the status the order must be
in. It is signed (itsdangerous, with its own salt), lasts 72 hours by ``clock.now()``
and works once: the POST stores its nonce in a UNIQUE column.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app, url_for
from itsdangerous import BadSignature, URLSafeSerializer

from storefront import clock
from storefront.domain.order_states import SellerOrderStatus
from storefront.extensions import db
from storefront.orders import services
from storefront.orders.models import SellerOrder
from storefront.orders.tap_models import UsedOrderLink

S = SellerOrderStatus
SALT = "pasar-ibu.order-action.v1"
#: How long a link works after it was made.
LIFETIME = timedelta(hours=72)
#: Times in links are whole seconds since this moment (naive UTC, like ``clock.now()``).
EPOCH = datetime(1970, 1, 1)
#: Each action: the status the order must be in, and where it moves.
ACTIONS: dict[str, tuple[SellerOrderStatus, SellerOrderStatus]] = {
    "accept": (S.NEW, S.ACCEPTED),
    "ready": (S.ACCEPTED, S.READY),
}


class LinkRefused(Exception):
    """The link cannot act. ``code``: bad, expired, used, moved or other_shop."""

    def __init__(self, code: str, part: SellerOrder | None = None):
        super().__init__(code)
        self.code = code
        self.part = part


@dataclass(frozen=True)
class TapLink:
    part: SellerOrder
    action: str
    nonce: str
    issued_at: datetime

    @property
    def target(self) -> SellerOrderStatus:
        return ACTIONS[self.action][1]


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def make_token(part: SellerOrder, action: str, *, shop_id: int | None = None) -> str:
    """A fresh signed token for ``action`` on ``part``, valid from now."""
    required = ACTIONS[action][0]
    return _serializer().dumps({
        "o": part.id, "h": shop_id if shop_id is not None else part.shop_id, "a": action,
        "s": required.value, "n": secrets.token_hex(16),
        "t": int((clock.now() - EPOCH).total_seconds()),
    })


def link_for(part: SellerOrder, action: str) -> str:
    """The public link (from PUBLIC_BASE_URL), also outside a request (webhooks, commands)."""
    base = current_app.config["PUBLIC_BASE_URL"].rstrip("/")
    return base + url_for("order_tap.confirm", token=make_token(part, action), _external=False)


def read(token: str) -> TapLink:
    """Check a token without changing anything; raise ``LinkRefused`` when it cannot act."""
    try:
        data = _serializer().loads(token)
        part_id, shop_id, action = int(data["o"]), int(data["h"]), str(data["a"])
        required, nonce = S(data["s"]), str(data["n"])
        issued_at = EPOCH + timedelta(seconds=int(data["t"]))
    except (BadSignature, KeyError, TypeError, ValueError, OverflowError):
        raise LinkRefused("bad") from None
    if action not in ACTIONS or ACTIONS[action][0] != required or len(nonce) != 32:
        raise LinkRefused("bad")
    part = db.session.get(SellerOrder, part_id)
    if part is None:
        raise LinkRefused("bad")
    if part.shop_id != shop_id:
        raise LinkRefused("other_shop")
    if clock.now() - issued_at >= LIFETIME or issued_at > clock.now() + timedelta(minutes=5):
        raise LinkRefused("expired", part)
    if db.session.scalar(sa.select(UsedOrderLink.id).where(UsedOrderLink.nonce == nonce)):
        raise LinkRefused("used", part)
    if part.status != required:
        raise LinkRefused("moved", part)
    return TapLink(part=part, action=action, nonce=nonce, issued_at=issued_at)


def act(token: str) -> TapLink:
    """Use the link: record its nonce and move the order through the normal state machine."""
    link = read(token)
    db.session.add(UsedOrderLink(nonce=link.nonce, seller_order_id=link.part.id,
                                 action=link.action))
    db.session.flush()  # a second use of the same nonce fails here (UNIQUE)
    services.seller_move(link.part, link.target, link.part.shop.owner)
    return link
