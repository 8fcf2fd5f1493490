"""One adapter per payment method, behind the ``PaymentProvider`` interface."""
from __future__ import annotations

from flask import current_app

from storefront.payments.models import PaymentMethod
from storefront.payments.providers.base import (
    Charge,
    MethodNotEnabled,
    PaymentProvider,
    ProviderError,
    Refunded,
    Started,
)

__all__ = ["Charge", "MethodNotEnabled", "PaymentProvider", "ProviderError", "Refunded",
           "Started", "enabled_methods", "provider_for"]


def enabled_methods() -> list[PaymentMethod]:
    """The methods staff switched on in ``PAYMENT_METHODS``, in a fixed order."""
    wanted = set(current_app.config.get("PAYMENT_METHODS", ()))
    return [m for m in PaymentMethod if m.value in wanted]


def provider_for(method: PaymentMethod, *, require_enabled: bool = True) -> PaymentProvider:
    """The adapter for ``method``; refuses a method staff have not enabled."""
    if require_enabled and method not in enabled_methods():
        raise MethodNotEnabled(method)
    config = current_app.config
    if method == PaymentMethod.CARD:
        from storefront.payments.providers.stripe_checkout import StripeCheckout

        return StripeCheckout.from_config(config)
    if method == PaymentMethod.BANK_TRANSFER:
        from storefront.payments.providers.bank_transfer import BankTransfer

        return BankTransfer(hours=config.get("TRANSFER_PAYMENT_HOURS", 24))
    from storefront.payments.providers.cash import Cash

    return Cash()
