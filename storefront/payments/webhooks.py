"""Stripe's webhook: verify on the raw body, store each event id once, move state forward."""
from __future__ import annotations

import logging

from flask import Blueprint, current_app, jsonify, request
from sqlalchemy.exc import IntegrityError

from storefront.extensions import csrf, db
from storefront.payments import services
from storefront.payments.models import StripeEvent
from storefront.payments.providers.stripe_checkout import InvalidSignature, StripeCheckout

log = logging.getLogger(__name__)

bp = Blueprint("stripe_webhooks", __name__, url_prefix="/webhooks")

#: Event types that move a payment; every other type is stored and ignored.
HANDLED = frozenset({
    "checkout.session.completed", "checkout.session.async_payment_succeeded",
    "checkout.session.expired", "checkout.session.async_payment_failed",
})


def handle_event(event: dict) -> str:
    """Apply one verified event; returns what happened. Flushes, never commits."""
    try:
        with db.session.begin_nested():
            stored = StripeEvent(event_id=event["id"], type=str(event.get("type", ""))[:120])
            db.session.add(stored)
            db.session.flush()
    except IntegrityError:
        return "duplicate"
    kind = stored.type
    if kind not in HANDLED:
        return "ignored"
    session = (event.get("data") or {}).get("object") or {}
    payment = services.by_provider_ref(_text(session.get("id")))
    if payment is None:
        log.warning("stripe event %s for unknown session %s", event["id"], session.get("id"))
        return "unknown_payment"
    stored.payment_id = payment.id
    if kind == "checkout.session.completed" and session.get("payment_status") != "paid":
        return "waiting"  # a delayed method; async_payment_succeeded follows
    if kind in ("checkout.session.completed", "checkout.session.async_payment_succeeded"):
        changed = services.mark_paid(payment, payment_intent_id=_text(session.get("payment_intent"))
                                     or None)
    elif kind == "checkout.session.expired":
        changed = services.mark_expired(payment)
    else:
        changed = services.mark_failed(payment)
    return "changed" if changed else "unchanged"


def _text(value) -> str:
    """A string field of the event as text (a signed body may still hold anything there)."""
    return value[:255] if isinstance(value, str) else ""


@bp.post("/stripe")
@csrf.exempt
def stripe_webhook():
    adapter = StripeCheckout.from_config(current_app.config)
    try:
        event = adapter.parse_event(request.get_data(cache=False),
                                    request.headers.get("Stripe-Signature"))
    except InvalidSignature as exc:
        log.info("stripe webhook refused: %s", exc)
        return jsonify(error="invalid signature"), 400
    outcome = handle_event(event)
    db.session.commit()
    return jsonify(received=True, outcome=outcome), 200
