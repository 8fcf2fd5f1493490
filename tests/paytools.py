"""Helpers for payment tests: hook recorder, row counts, signed webhook posts."""
from __future__ import annotations

import json
import time

import sqlalchemy as sa

from storefront.extensions import db
from storefront.payments import hooks
from tests.fakes.stripe_server import WEBHOOK_SECRET, sign


class Heard:
    """Records every payment hook call as (event, order_id)."""

    def __init__(self):
        self.calls: list[tuple[str, int]] = []
        self._handlers = {}
        for name in hooks.EVENTS:
            self._handlers[name] = (lambda order_id, name=name: self.calls.append((name, order_id)))
            hooks.register(name, self._handlers[name])

    def close(self):
        for name, handler in self._handlers.items():
            hooks.unregister(name, handler)


def row_counts() -> dict[str, int]:
    """Rows in every table, to prove a rejected request wrote nothing."""
    db.session.rollback()
    return {t.name: db.session.scalar(sa.select(sa.func.count()).select_from(t))
            for t in db.metadata.sorted_tables}


def post_event(client, event: dict, *, secret: str = WEBHOOK_SECRET, timestamp: int | None = None,
               body: str | None = None, signed_body: str | None = None, header: str | None = None):
    """POST ``event`` to /webhooks/stripe signed like Stripe (overridable for abuse tests)."""
    body = body if body is not None else json.dumps(event)
    if header is None:
        header = sign(signed_body if signed_body is not None else body, secret,
                      timestamp if timestamp is not None else int(time.time()))
    headers = {"Stripe-Signature": header} if header else {}
    return client.post("/webhooks/stripe", data=body.encode(), headers=headers,
                       content_type="application/json")


def post_callback(client, callback: dict, *, token: str | None = "keep", body: str | None = None):
    """POST a Xendit callback (``{"body", "headers"}`` from the fake) to /webhooks/xendit;
    ``token`` replaces its x-callback-token (None drops it), for abuse tests."""
    headers = dict(callback["headers"])
    if token is None:
        headers.pop("x-callback-token")
    elif token != "keep":
        headers["x-callback-token"] = token
    data = body if body is not None else json.dumps(callback["body"])
    return client.post("/webhooks/xendit", data=data.encode(), headers=headers,
                       content_type="application/json")
