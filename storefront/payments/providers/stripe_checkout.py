"""Card payments through a hosted Stripe Checkout Session (PCI SAQ A).

The only module that imports ``stripe``.  Rupiah become Stripe's minor units
(×100, IDR has two decimals at Stripe) here and nowhere else.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

import stripe

from storefront import clock
from storefront.payments.providers.base import (
    AmountTooSmall,
    Charge,
    Outcome,
    ProviderError,
    Refunded,
    Started,
)

#: How long the buyer has to pay on Stripe's page.
SESSION_MINUTES = 30
#: Stripe refuses an ``expires_at`` under 30 minutes from its own clock at creation;
#: this margin absorbs network time and clock skew.
SESSION_MARGIN = timedelta(seconds=60)
#: Signed webhooks older than this (seconds) are refused.
WEBHOOK_TOLERANCE = 300


class InvalidSignature(ValueError):
    """A webhook that is unsigned, mis-signed, stale or not JSON."""


def to_minor_units(rupiah: int) -> int:
    """Rp 25.000 → 2_500_000: Stripe counts IDR in hundredths."""
    return int(rupiah) * 100


def idempotency_key(order_id: int, attempt: int) -> str:
    return f"pasar-ibu-order-{order_id}-attempt-{attempt}"


def _epoch(moment: datetime) -> int:
    return int(moment.replace(tzinfo=UTC).timestamp())


class StripeCheckout:
    """The card adapter."""

    #: card refunds go back through Stripe
    refunds_itself = True

    def __init__(self, secret_key: str, webhook_secret: str, api_base: str = "",
                 min_amount: int = 10_000):
        self.secret_key = secret_key
        self.webhook_secret = webhook_secret
        self.api_base = api_base
        self.min_amount = min_amount

    @classmethod
    def from_config(cls, config: Mapping) -> StripeCheckout:
        return cls(config.get("STRIPE_SECRET_KEY", ""), config.get("STRIPE_WEBHOOK_SECRET", ""),
                   config.get("STRIPE_API_BASE", ""), int(config.get("STRIPE_MIN_AMOUNT", 10_000)))

    def _client(self) -> stripe.StripeClient:
        if not self.secret_key:
            raise ProviderError("STRIPE_SECRET_KEY is not set")
        bases = {"api": self.api_base} if self.api_base else None
        return stripe.StripeClient(self.secret_key, base_addresses=bases, max_network_retries=2)

    def start(self, charge: Charge) -> Started:
        if charge.amount < self.min_amount:
            raise AmountTooSmall(charge.amount, self.min_amount)
        expires = clock.now().replace(microsecond=0) + timedelta(minutes=SESSION_MINUTES) \
            + SESSION_MARGIN
        params = {
            "mode": "payment",
            "payment_method_types": ["card"],
            "line_items": [{
                "quantity": 1,
                "price_data": {
                    "currency": "idr",
                    "unit_amount": to_minor_units(charge.amount),
                    "product_data": {"name": charge.description[:250]},
                },
            }],
            "metadata": {"order_id": str(charge.order_id)},
            "expires_at": _epoch(expires),
            "success_url": charge.success_url,
            "cancel_url": charge.cancel_url,
        }
        try:
            session = self._client().v1.checkout.sessions.create(
                params=params,
                options={"idempotency_key": idempotency_key(charge.order_id, charge.attempt)})
        except stripe.StripeError as exc:
            raise ProviderError(str(exc)) from exc
        return Started(provider_ref=session.id, redirect_url=session.url or "", expires_at=expires)

    def cancel(self, provider_ref: str | None) -> Outcome:
        """Expire an open session; a completed one is reported as paid instead."""
        client = self._client()
        try:
            session = client.v1.checkout.sessions.retrieve(provider_ref)
            if session.status == "open":
                session = client.v1.checkout.sessions.expire(provider_ref)
        except stripe.StripeError as exc:
            raise ProviderError(str(exc)) from exc
        if session.status == "complete" and session.payment_status == "paid":
            return Outcome("paid", session.payment_intent)
        if session.status == "complete":
            return Outcome("open")  # an async payment is still on its way
        return Outcome("expired")

    def refund(self, provider_ref: str | None, payment_intent_id: str | None, amount: int,  # noqa: ARG002
               key: str) -> Refunded:
        if not payment_intent_id:
            raise ProviderError("no PaymentIntent to refund")
        try:
            refund = self._client().v1.refunds.create(
                params={"payment_intent": payment_intent_id, "amount": to_minor_units(amount)},
                options={"idempotency_key": key})
        except stripe.StripeError as exc:
            raise ProviderError(str(exc)) from exc
        return Refunded(provider_ref=refund.id, manual=False)

    def parse_event(self, payload: bytes, signature: str | None) -> dict:
        """Verify a webhook on its RAW body (Stripe's own check, 300 s tolerance)."""
        if not self.webhook_secret:
            raise InvalidSignature("STRIPE_WEBHOOK_SECRET is not set")
        try:
            # the signature only: the body is read below, whatever JSON a signer put in it
            stripe.WebhookSignature.verify_header(payload.decode("utf-8"), signature or "",
                                                  self.webhook_secret, WEBHOOK_TOLERANCE)
            event = json.loads(payload)
        except (stripe.SignatureVerificationError, ValueError, UnicodeDecodeError) as exc:
            raise InvalidSignature(str(exc)) from exc
        if not _is_event(event):
            raise InvalidSignature("not an event")
        return event


def _is_event(event) -> bool:
    """Signed yet malformed bodies are refused too: an id and type of sane length, an object."""
    if not isinstance(event, dict):
        return False
    data = event.get("data", {})
    return (isinstance(event.get("id"), str) and 0 < len(event["id"]) <= 255
            and isinstance(event.get("type", ""), str) and isinstance(data, dict)
            and isinstance(data.get("object", {}), dict))
