"""The card adapter against the loopback Stripe fake, through the real ``stripe`` library."""
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from storefront import clock
from storefront.accounts.models import Role
from storefront.audit.models import AuditEntry
from storefront.domain.payment_states import PaymentStatus
from storefront.extensions import db
from storefront.payments import services
from storefront.payments.models import PaymentMethod, PaymentRefund
from storefront.payments.providers import MethodNotEnabled, provider_for
from storefront.payments.providers.base import AmountTooSmall, Charge

NOW = datetime(2026, 11, 25, 9, 0, 0)


@pytest.fixture(autouse=True)
def _orders(make_order):
    """Orders 42 and 7, which the payments below pay for."""
    make_order(id=42, total=125_000, method=PaymentMethod.CARD)
    make_order(id=7, total=50_000, method=PaymentMethod.CARD)


def _start(order_id=42, amount=125_000):
    return services.start_payment(order_id, amount, PaymentMethod.CARD, description="Pesanan #42",
                                  success_url="http://localhost/ok", cancel_url="http://localhost/no")


def test_card_session_minor_units_expiry_metadata_and_key(fake_stripe):
    clock.freeze(NOW)
    payment = _start()
    [call] = fake_stripe.posts("/v1/checkout/sessions")
    p = call.params
    assert p["line_items[0][price_data][unit_amount]"] == "12500000"
    assert p["line_items[0][price_data][currency]"] == "idr"
    assert p["mode"] == "payment"
    assert {k: v for k, v in p.items() if k.startswith("metadata")} == {"metadata[order_id]": "42"}
    assert "client_reference_id" not in p and "customer_email" not in p
    expires = int((NOW + timedelta(minutes=31)).replace(tzinfo=UTC).timestamp())
    assert int(p["expires_at"]) == expires
    assert call.idempotency_key == "pasar-ibu-order-42-attempt-1"
    assert call.authorization == "Bearer sk_test_pasar_ibu_fake"
    assert payment.provider_ref.startswith("cs_test_fake_")
    assert payment.redirect_url.endswith(payment.provider_ref)
    assert payment.amount == 125_000 and payment.status == PaymentStatus.PENDING
    assert payment.expires_at == NOW + timedelta(minutes=31)


def test_same_attempt_replays_same_session_and_new_attempt_gets_new_key(fake_stripe):
    adapter = provider_for(PaymentMethod.CARD)
    charge = Charge(7, 1, 50_000, "Pesanan #7", "http://x/ok", "http://x/no")
    first, again = adapter.start(charge), adapter.start(charge)
    assert first.provider_ref == again.provider_ref
    assert len(fake_stripe.sessions) == 1
    payment = services.start_payment(7, 50_000, PaymentMethod.CARD, description="Pesanan #7")
    assert payment.attempt == 1
    second = services.start_payment(7, 50_000, PaymentMethod.CARD, description="Pesanan #7")
    assert second.attempt == 2
    keys = [r.idempotency_key for r in fake_stripe.posts("/v1/checkout/sessions")]
    assert keys[-1] == "pasar-ibu-order-7-attempt-2"
    assert second.provider_ref != payment.provider_ref


def test_minimum_amount_is_refused_before_calling_stripe(fake_stripe, app):
    app.config["STRIPE_MIN_AMOUNT"] = 20_000
    with pytest.raises(AmountTooSmall):
        _start(amount=19_999)
    assert fake_stripe.requests == []


def test_method_not_enabled_is_refused(fake_stripe, app):
    app.config["PAYMENT_METHODS"] = ("bank_transfer",)
    with pytest.raises(MethodNotEnabled):
        _start()
    assert fake_stripe.requests == []


def test_refund_goes_to_stripe_against_the_payment_intent(fake_stripe, make_user, heard):
    staff = make_user(Role.STAFF)
    payment = _start(amount=100_000)
    session = fake_stripe.pay(payment.provider_ref)
    assert services.mark_paid(payment, payment_intent_id=session["payment_intent"])
    row = services.refund(payment, 40_000, staff, "satu barang rusak")
    [call] = fake_stripe.posts("/v1/refunds")
    assert call.params == {"payment_intent": session["payment_intent"], "amount": "4000000"}
    assert call.idempotency_key == f"pasar-ibu-refund-{payment.id}-1"
    assert row.provider_ref.startswith("re_fake_") and not row.manual
    assert payment.refunded_amount == 40_000 and payment.status == PaymentStatus.PAID
    services.refund(payment, 60_000, staff)
    assert payment.status == PaymentStatus.REFUNDED
    with pytest.raises(services.RefundTooLarge):
        services.refund(payment, 1, staff)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PaymentRefund)) == 2
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)
                             .where(AuditEntry.action == "payment.refund")) == 2
    assert heard == [("paid", payment.order_id)]


def test_expiry_job_expires_an_unpaid_session_once(fake_stripe, heard):
    clock.freeze(NOW)
    payment = _start()
    db.session.commit()
    assert services.expire_due(NOW + timedelta(minutes=30)) == 0
    assert services.expire_due(NOW + timedelta(minutes=32)) == 1
    assert payment.status == PaymentStatus.EXPIRED
    assert fake_stripe.sessions[payment.provider_ref]["status"] == "expired"
    assert services.expire_due(NOW + timedelta(minutes=40)) == 0
    assert heard == [("expired", payment.order_id)]


def test_expiry_job_racing_a_payment_marks_it_paid_not_expired(fake_stripe, heard):
    """Stripe took the money just before the job ran, the webhook not yet in: paid, once."""
    clock.freeze(NOW)
    payment = _start()
    fake_stripe.pay(payment.provider_ref)
    assert services.expire_due(NOW + timedelta(hours=1)) == 1
    assert payment.status == PaymentStatus.PAID
    assert payment.payment_intent_id.startswith("pi_fake_")
    assert not fake_stripe.posts(f"/v1/checkout/sessions/{payment.provider_ref}/expire")
    assert services.mark_paid(payment) is False  # the late webhook changes nothing
    assert heard == [("paid", payment.order_id)]


def test_late_money_after_expiry_is_flagged_for_refund_never_paid(make_payment, heard):
    payment = make_payment(method=PaymentMethod.CARD)
    assert services.mark_expired(payment)
    assert services.mark_paid(payment, payment_intent_id="pi_late")
    assert payment.status == PaymentStatus.NEEDS_REFUND
    assert services.mark_paid(payment) is False
    assert heard == [("expired", payment.order_id), ("needs_refund", payment.order_id)]
