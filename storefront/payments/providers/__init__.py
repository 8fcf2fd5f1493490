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
           "Started", "XENDIT_METHODS", "channels", "enabled_methods", "provider_for"]


#: The methods paid through Xendit: offered only when ``XENDIT_SECRET_KEY`` is set.
XENDIT_METHODS = frozenset({PaymentMethod.QRIS, PaymentMethod.VA, PaymentMethod.EWALLET})


def enabled_methods() -> list[PaymentMethod]:
    """The methods staff switched on in ``PAYMENT_METHODS``, in a fixed order."""
    wanted = set(current_app.config.get("PAYMENT_METHODS", ()))
    has_xendit = bool(current_app.config.get("XENDIT_SECRET_KEY"))
    return [m for m in PaymentMethod if m.value in wanted
            and (has_xendit or m not in XENDIT_METHODS)]


def channels(method: PaymentMethod) -> tuple[str, ...]:
    """The banks (va) or e-wallets (ewallet) buyers may choose; ("QRIS",) for qris."""
    config = current_app.config
    return {PaymentMethod.VA: tuple(config.get("XENDIT_VA_BANKS", ())),
            PaymentMethod.EWALLET: tuple(config.get("XENDIT_EWALLETS", ())),
            PaymentMethod.QRIS: ("QRIS",)}.get(method, ())


def provider_for(method: PaymentMethod, *, require_enabled: bool = True) -> PaymentProvider:
    """The adapter for ``method``; refuses a method staff have not enabled."""
    if require_enabled and method not in enabled_methods():
        raise MethodNotEnabled(method)
    config = current_app.config
    if method == PaymentMethod.CARD:
        from storefront.payments.providers.stripe_checkout import StripeCheckout

        return StripeCheckout.from_config(config)
    if method in XENDIT_METHODS:
        from storefront.payments.providers.xendit_payments import XenditPayments

        return XenditPayments.from_config(method.value, config)
    if method == PaymentMethod.BANK_TRANSFER:
        from storefront.payments.providers.bank_transfer import BankTransfer

        return BankTransfer(hours=config.get("TRANSFER_PAYMENT_HOURS", 24))
    from storefront.payments.providers.cash import Cash

    return Cash()
