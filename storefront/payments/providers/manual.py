"""Methods where no provider holds the money: staff and sellers confirm it by hand."""
from __future__ import annotations

from datetime import timedelta

from storefront import clock
from storefront.payments.providers.base import Charge, Outcome, Refunded, Started


class ManualMethod:
    """Nothing to call: money is confirmed and refunded by people."""

    #: how long the buyer has to pay; None waits for the order to be completed
    hours: int | None = None
    #: staff send refunds by hand, with a bank or receipt reference
    refunds_itself = False

    def start(self, charge: Charge) -> Started:  # noqa: ARG002 - same interface
        expires = clock.now() + timedelta(hours=self.hours) if self.hours else None
        return Started(provider_ref=None, redirect_url="", expires_at=expires)

    def cancel(self, provider_ref: str | None) -> Outcome:  # noqa: ARG002
        return Outcome("expired")

    def refund(self, provider_ref, payment_intent_id, amount, key) -> Refunded:  # noqa: ARG002
        return Refunded(provider_ref="", manual=True)
