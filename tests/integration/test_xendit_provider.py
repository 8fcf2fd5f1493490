"""The Xendit adapter, the real SDK against the loopback fake: idempotency, failures, status."""
from datetime import timedelta

import pytest

from storefront import clock, config
from storefront.domain.payment_states import PaymentStatus
from storefront.extensions import db
from storefront.payments import services
from storefront.payments.models import PaymentMethod
from storefront.payments.providers import ProviderError, enabled_methods
from storefront.payments.providers.base import Charge
from storefront.payments.providers.xendit_payments import XenditPayments, token_matches
from tests.fakes.xendit_server import API_KEY


def _adapter(fake, method="qris", **extra) -> XenditPayments:
    return XenditPayments(method, API_KEY, fake.base_url, **extra)


def _charge(order_id=7, attempt=1, amount=55_500, channel="QRIS") -> Charge:
    return Charge(order_id, attempt, amount, "Pasar Ibu PI-2612-0007", "http://x/ok",
                  "http://x/no", channel, "+6281300000000")


def test_a_retried_start_with_the_same_key_makes_one_payment_request(app, fake_xendit):
    adapter = _adapter(fake_xendit)
    first, again = adapter.start(_charge()), adapter.start(_charge())
    assert first.provider_ref == again.provider_ref and len(fake_xendit.payment_requests) == 1
    assert {r.idempotency_key for r in fake_xendit.posts("/payment_requests")} == {
        "pasar-ibu-order-7-attempt-1"}
    assert adapter.start(_charge(attempt=2)).provider_ref != first.provider_ref


def test_the_exact_rupiah_amount_and_a_deadline_are_sent(app, fake_xendit):
    clock.freeze(clock.now().replace(microsecond=0))
    started = _adapter(fake_xendit, minutes=45).start(_charge(amount=123_457))
    [call] = fake_xendit.posts("/payment_requests")
    assert call.body["amount"] == 123_457 and call.body["reference_id"] == "pasar-ibu-7-1"
    assert started.expires_at == clock.now() + timedelta(minutes=45)


@pytest.mark.parametrize("status", [400, 401, 500, 503])
def test_xendit_refusing_or_down_is_a_provider_error(app, fake_xendit, status):
    adapter = _adapter(fake_xendit)
    fake_xendit.fail_next(3, status=status)  # the SDK may retry; every try fails
    with pytest.raises(ProviderError):
        adapter.start(_charge())
    assert fake_xendit.payment_requests == {}


def test_unreachable_xendit_is_a_provider_error(app):
    adapter = XenditPayments("qris", API_KEY, "http://127.0.0.1:9")
    with pytest.raises(ProviderError):
        adapter.start(_charge())


def test_no_key_is_a_provider_error_without_any_request(app, fake_xendit):
    with pytest.raises(ProviderError):
        XenditPayments("qris", "", fake_xendit.base_url).start(_charge())
    assert fake_xendit.requests == []


def test_status_comes_from_xendit(app, fake_xendit):
    adapter = _adapter(fake_xendit, "va")
    ref = adapter.start(_charge(channel="PERMATA")).provider_ref
    assert adapter.check(ref).state == "open"
    fake_xendit.pay(ref, send=False)
    outcome = adapter.check(ref)
    assert (outcome.state, outcome.amount) == ("paid", 55_500)
    assert adapter.cancel(ref).state == "paid"  # paid: never expired


def test_refund_only_where_the_method_allows_it(app, fake_xendit):
    adapter = _adapter(fake_xendit, "va", refunds=False)
    ref = adapter.start(_charge(channel="BRI")).provider_ref
    fake_xendit.pay(ref, send=False)
    assert adapter.refund(ref, None, 10_000, "k").manual
    assert fake_xendit.posts("/refunds") == []


@pytest.mark.parametrize(("expected", "given", "ok"), [
    ("tok", "tok", True), ("tok", "tok ", False), ("tok", "TOK", False), ("tok", "", False),
    ("tok", None, False), ("", "", False), ("", None, False), ("tok", "٣", False)])
def test_token_compare(expected, given, ok):
    assert token_matches(expected, given) is ok


def test_methods_are_offered_only_with_a_key(app):
    app.config.update(PAYMENT_METHODS=("qris", "va", "ewallet", "cash"), XENDIT_SECRET_KEY="")
    assert enabled_methods() == [PaymentMethod.CASH]
    app.config["XENDIT_SECRET_KEY"] = "xnd_development_x"
    assert enabled_methods() == [PaymentMethod.CASH, PaymentMethod.QRIS, PaymentMethod.VA,
                                 PaymentMethod.EWALLET]


def test_a_key_without_a_callback_token_is_refused_at_start_up(monkeypatch):
    monkeypatch.setenv("XENDIT_SECRET_KEY", "xnd_production_x")
    monkeypatch.delenv("XENDIT_CALLBACK_TOKEN", raising=False)
    with pytest.raises(config.ConfigError):
        config.xendit_settings()
    monkeypatch.setenv("XENDIT_CALLBACK_TOKEN", "t")
    monkeypatch.setenv("XENDIT_VA_BANKS", " bri, Mandiri ,,")
    assert config.xendit_settings()["XENDIT_VA_BANKS"] == ("BRI", "MANDIRI")


def test_start_payment_keeps_channel_and_pay_code(app, fake_xendit, make_order):
    make_order(id=8, total=20_000, method=PaymentMethod.VA)
    payment = services.start_payment(8, 20_000, PaymentMethod.VA, description="d",
                                     channel="BNI")
    db.session.commit()
    assert (payment.status, payment.channel) == (PaymentStatus.PENDING, "BNI")
    assert payment.pay_code.startswith("9888") and payment.unique_code == 0
