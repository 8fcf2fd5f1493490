"""QRIS, virtual accounts and e-wallets through Xendit's Payment Request API.

The only module that imports ``xendit``.  Xendit counts IDR in whole rupiah, as we
do.  ``XENDIT_API_BASE`` is the SDK's ``Configuration(host=…)``, so tests point the
real SDK at the loopback fake in ``tests/fakes/xendit_server.py``.
"""
from __future__ import annotations

import hmac
import logging
from collections.abc import Mapping
from datetime import UTC, timedelta

import urllib3
from xendit import ApiClient, Configuration, OpenApiException
from xendit.payment_method import PaymentMethodApi
from xendit.payment_request import PaymentRequestApi
from xendit.payment_request.model.e_wallet_channel_code import EWalletChannelCode
from xendit.payment_request.model.e_wallet_channel_properties import EWalletChannelProperties
from xendit.payment_request.model.e_wallet_parameters import EWalletParameters
from xendit.payment_request.model.payment_method_parameters import PaymentMethodParameters
from xendit.payment_request.model.payment_method_reusability import PaymentMethodReusability
from xendit.payment_request.model.payment_method_type import PaymentMethodType
from xendit.payment_request.model.payment_request_currency import PaymentRequestCurrency
from xendit.payment_request.model.payment_request_parameters import PaymentRequestParameters
from xendit.payment_request.model.qr_code_channel_code import QRCodeChannelCode
from xendit.payment_request.model.qr_code_channel_properties import QRCodeChannelProperties
from xendit.payment_request.model.qr_code_parameters import QRCodeParameters
from xendit.payment_request.model.virtual_account_channel_code import VirtualAccountChannelCode
from xendit.payment_request.model.virtual_account_channel_properties import (
    VirtualAccountChannelProperties,
)
from xendit.payment_request.model.virtual_account_parameters import VirtualAccountParameters
from xendit.refund import RefundApi
from xendit.refund.model.create_refund import CreateRefund

from storefront import clock
from storefront.payments.providers.base import Charge, Outcome, ProviderError, Refunded, Started

log = logging.getLogger(__name__)

#: Xendit's payment request statuses, as our outcomes ("open" keeps waiting).
STATES = {"SUCCEEDED": "paid", "FAILED": "failed", "EXPIRED": "expired", "CANCELED": "expired",
          "VOIDED": "expired"}
_ERRORS = (OpenApiException, urllib3.exceptions.HTTPError, ValueError)


def token_matches(expected: str, given: str | None) -> bool:
    """The callback's ``x-callback-token`` against ours, in constant time; empty never matches."""
    if not expected or not given:
        return False
    return hmac.compare_digest(expected.encode(), given.encode())


def idempotency_key(order_id: int, attempt: int) -> str:
    return f"pasar-ibu-order-{order_id}-attempt-{attempt}"


class XenditPayments:
    """The adapter for one of the three methods ("qris", "va" or "ewallet")."""

    def __init__(self, method: str, secret_key: str, api_base: str = "", minutes: int = 60,
                 refunds: bool = True):
        self.method = method
        self.secret_key = secret_key
        self.api_base = api_base
        self.minutes = minutes
        self.refunds = refunds
        #: QRIS and e-wallets refund through Xendit's API; virtual accounts by hand
        self.refunds_itself = refunds

    @classmethod
    def from_config(cls, method: str, config: Mapping) -> XenditPayments:
        return cls(method, config.get("XENDIT_SECRET_KEY", ""), config.get("XENDIT_API_BASE", ""),
                   int(config.get("XENDIT_PAYMENT_MINUTES", 60)),
                   method in config.get("XENDIT_REFUND_METHODS", ()))

    def _client(self) -> ApiClient:
        if not self.secret_key:
            raise ProviderError("XENDIT_SECRET_KEY is not set")
        config = Configuration(host=self.api_base or None, api_key=self.secret_key)
        return ApiClient(config)

    def _method(self, charge: Charge, expires) -> PaymentMethodParameters:
        deadline = expires.replace(tzinfo=UTC)
        common = {"reusability": PaymentMethodReusability("ONE_TIME_USE"),
                  "reference_id": f"pasar-ibu-{charge.order_id}-{charge.attempt}"}
        if self.method == "qris":
            return PaymentMethodParameters(
                type=PaymentMethodType("QR_CODE"), **common, qr_code=QRCodeParameters(
                    channel_code=QRCodeChannelCode("QRIS"),
                    channel_properties=QRCodeChannelProperties(expires_at=deadline)))
        if self.method == "va":
            return PaymentMethodParameters(
                type=PaymentMethodType("VIRTUAL_ACCOUNT"), **common,
                virtual_account=VirtualAccountParameters(
                    channel_code=VirtualAccountChannelCode(charge.channel),
                    amount=float(charge.amount),
                    channel_properties=VirtualAccountChannelProperties(
                        customer_name="Pasar Ibu", expires_at=deadline)))
        props = {"success_return_url": charge.success_url,
                 "failure_return_url": charge.cancel_url}
        if charge.channel == "OVO":
            props = {"mobile_number": charge.phone}
        return PaymentMethodParameters(
            type=PaymentMethodType("EWALLET"), **common, ewallet=EWalletParameters(
                channel_code=EWalletChannelCode(charge.channel),
                channel_properties=EWalletChannelProperties(**props)))

    def start(self, charge: Charge) -> Started:
        expires = clock.now().replace(microsecond=0) + timedelta(minutes=self.minutes)
        params = PaymentRequestParameters(
            reference_id=f"pasar-ibu-{charge.order_id}-{charge.attempt}",
            amount=float(charge.amount), currency=PaymentRequestCurrency("IDR"),
            payment_method=self._method(charge, expires), description=charge.description[:250],
            metadata={"order_id": str(charge.order_id)})
        try:
            with self._client() as client:
                made = PaymentRequestApi(client).create_payment_request(
                    idempotency_key=idempotency_key(charge.order_id, charge.attempt),
                    payment_request_parameters=params)
        except _ERRORS as exc:
            raise ProviderError(str(exc)) from exc
        return Started(provider_ref=made.id, redirect_url=_action_url(made),
                       expires_at=expires, pay_code=_pay_code(made))

    def check(self, provider_ref: str | None) -> Outcome:
        """What Xendit says about the payment request now (a GET, never the callback's body)."""
        if not provider_ref:
            raise ProviderError("no payment request")
        try:
            with self._client() as client:
                found = PaymentRequestApi(client).get_payment_request_by_id(provider_ref)
        except _ERRORS as exc:
            raise ProviderError(str(exc)) from exc
        state = STATES.get(str(found.status), "open")
        amount = found.get("amount")
        return Outcome(state, found.payment_method.id, int(amount) if amount is not None else None)

    def cancel(self, provider_ref: str | None) -> Outcome:
        """Expire an unpaid request's payment method; says "paid" if the money beat us to it.

        When Xendit cannot be asked it says "open": the payment keeps waiting and the next
        run of the expiry job asks again (stock is never released on a guess).
        """
        try:
            outcome = self.check(provider_ref)
            if outcome.state != "open":
                return Outcome("paid", outcome.payment_intent_id, outcome.amount) \
                    if outcome.state == "paid" else Outcome("expired")
            with self._client() as client:
                PaymentMethodApi(client).expire_payment_method(
                    outcome.payment_intent_id, _preload_content=False)
            after = self.check(provider_ref)
        except (ProviderError, *_ERRORS) as exc:
            log.warning("xendit: could not expire %s, will ask again: %s", provider_ref, exc)
            return Outcome("open")
        return after if after.state == "paid" else Outcome("expired")

    def refund(self, provider_ref: str | None, payment_intent_id: str | None, amount: int,  # noqa: ARG002
               key: str) -> Refunded:
        """Through Xendit's refund API where the channel allows it; by hand elsewhere (VA)."""
        if not self.refunds:
            return Refunded(provider_ref="", manual=True)
        if not provider_ref:
            raise ProviderError("no payment request to refund")
        try:
            with self._client() as client:
                done = RefundApi(client).create_refund(
                    idempotency_key=key, create_refund=CreateRefund(
                        payment_request_id=provider_ref, amount=float(amount), currency="IDR",
                        reason="REQUESTED_BY_CUSTOMER", reference_id=key))
        except _ERRORS as exc:
            raise ProviderError(str(exc)) from exc
        return Refunded(provider_ref=str(done.id), manual=False)


def _pay_code(made) -> str:
    method = made.payment_method
    if method.get("qr_code"):
        return str(method.qr_code.channel_properties.get("qr_string") or "")
    if method.get("virtual_account"):
        return str(method.virtual_account.channel_properties.get("virtual_account_number") or "")
    return ""


def _action_url(made) -> str:
    """The page or app link to pay in, if Xendit gave one (e-wallets; some QRIS deeplinks)."""
    for action in made.get("actions") or []:
        if action.get("url") and action.get("url_type") in ("DEEPLINK", "MOBILE", "WEB"):
            return str(action.url)
    return ""
