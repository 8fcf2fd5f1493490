"""Xendit's callback: check the token, ask Xendit, store each event once, move state forward."""
from __future__ import annotations

import logging

from flask import Blueprint, current_app, jsonify, request
from sqlalchemy.exc import IntegrityError

from storefront.extensions import csrf, db
from storefront.payments import services
from storefront.payments.models import Payment, XenditEvent
from storefront.payments.providers import XENDIT_METHODS, ProviderError, provider_for
from storefront.payments.providers.xendit_payments import token_matches

log = logging.getLogger(__name__)

bp = Blueprint("xendit_webhooks", __name__, url_prefix="/webhooks")

#: The callbacks that move a payment, and the state Xendit must confirm for each.
CLAIMS = {"payment.succeeded": "paid", "payment.failed": "failed"}


def _event_id(body: dict, webhook_id: str | None) -> str:
    """Xendit's ``webhook-id`` header; older set-ups lack it, so event and payment id then."""
    if webhook_id:
        return webhook_id[:255]
    data = body.get("data") or {}
    return f"{body.get('event')}:{data.get('id') or data.get('payment_request_id')}"[:255]


def _payment(data: dict) -> Payment | None:
    payment = services.by_provider_ref(str(data.get("payment_request_id") or ""))
    return payment if payment is not None and payment.method in XENDIT_METHODS else None


def handle_callback(body: dict, webhook_id: str | None = None) -> str:
    """Apply one callback whose token matched; returns what happened. Flushes, never commits.

    The body is only a hint: the payment request's status comes from a GET to Xendit, and
    nothing is written unless Xendit confirms what the callback claims.  Raises
    ``ProviderError`` when Xendit cannot be asked (Xendit then retries the callback).
    """
    claim = CLAIMS.get(str(body.get("event", "")))
    data = body.get("data") if isinstance(body.get("data"), dict) else {}
    if claim is None:
        return "ignored"
    payment = _payment(data)
    if payment is None:
        log.warning("xendit callback for unknown payment request %s",
                    data.get("payment_request_id"))
        return "unknown_payment"
    outcome = provider_for(payment.method, require_enabled=False).check(payment.provider_ref)
    if outcome.state != claim or (claim == "paid" and outcome.amount != payment.amount):
        log.warning("xendit callback for payment %s not confirmed: %s says %s, %s",
                    payment.id, claim, outcome.state, outcome.amount)
        return "unconfirmed"
    try:
        with db.session.begin_nested():
            db.session.add(XenditEvent(event_id=_event_id(body, webhook_id),
                                       type=str(body.get("event"))[:120], payment_id=payment.id))
            db.session.flush()
    except IntegrityError:
        return "duplicate"
    if claim == "paid":
        changed = services.mark_paid(payment, payment_intent_id=str(data.get("id") or "") or None)
    else:
        changed = services.mark_failed(payment)
    return "changed" if changed else "unchanged"


@bp.post("/xendit")
@csrf.exempt
def xendit_callback():
    if not token_matches(current_app.config.get("XENDIT_CALLBACK_TOKEN", ""),
                         request.headers.get("x-callback-token")):
        log.info("xendit callback refused: wrong or missing token")
        return jsonify(error="invalid token"), 403
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return jsonify(error="not json"), 400
    try:
        outcome = handle_callback(body, request.headers.get("webhook-id"))
    except ProviderError as exc:
        db.session.rollback()
        log.warning("xendit callback: could not confirm with Xendit: %s", exc)
        return jsonify(error="try again"), 503
    db.session.commit()
    return jsonify(received=True, outcome=outcome), 200
