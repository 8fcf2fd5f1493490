"""What every payment method's adapter offers the payment services."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


class ProviderError(RuntimeError):
    """The provider refused or could not be reached; nothing was charged."""


class MethodNotEnabled(ValueError):
    """A payment method staff have not switched on in ``PAYMENT_METHODS``."""


class AmountTooSmall(ValueError):
    """Below the provider's minimum (``STRIPE_MIN_AMOUNT`` for card)."""

    def __init__(self, amount: int, minimum: int):
        super().__init__(f"{amount} < {minimum}")
        self.minimum = minimum


@dataclass(frozen=True)
class Charge:
    """What to charge: one attempt at paying one order, in whole rupiah."""

    order_id: int
    attempt: int
    amount: int
    description: str
    success_url: str
    cancel_url: str
    #: the gateway channel the buyer chose ("QRIS", "BRI", "OVO"); empty for other methods
    channel: str = ""
    #: the buyer's phone (E.164), for e-wallets that push a request to her app (OVO)
    phone: str = ""


@dataclass(frozen=True)
class Started:
    """What the provider answered when the payment was started."""

    #: the provider's id for this attempt (a Checkout Session id), if it has one
    provider_ref: str | None
    #: where to send the buyer to pay; empty when she pays on our own page
    redirect_url: str
    #: when the attempt stops being payable (naive UTC), if ever
    expires_at: datetime | None
    #: what she pays with on our page: a QRIS string or a virtual account number
    pay_code: str = ""


@dataclass(frozen=True)
class Refunded:
    """A refund that went through."""

    #: the provider's refund id; empty for a manual refund
    provider_ref: str
    #: true when staff return the money by hand
    manual: bool


@dataclass(frozen=True)
class Outcome:
    """What the provider says about an attempt: "paid", "open" or "expired"."""

    state: str
    payment_intent_id: str | None = None
    #: the amount the provider holds for this attempt, whole rupiah, when it says
    amount: int | None = None


class PaymentProvider(Protocol):
    """One payment method."""

    #: True when ``refund`` sends the money back itself; False when staff send it by hand
    refunds_itself: bool

    def start(self, charge: Charge) -> Started:
        """Begin collecting ``charge``; raise ``ProviderError`` or ``AmountTooSmall``."""

    def cancel(self, provider_ref: str | None) -> Outcome:
        """Stop an unpaid attempt at the provider; says "paid" if the money beat us to it."""

    def refund(self, provider_ref: str | None, payment_intent_id: str | None, amount: int,
               key: str) -> Refunded:
        """Send ``amount`` rupiah back; ``key`` makes a retried refund count once."""
