"""/webhooks/stripe: signature on the raw body, each event once, state only forward."""
import json
import time

import pytest
import sqlalchemy as sa

from storefront.domain.payment_states import PaymentStatus
from storefront.extensions import db
from storefront.payments import services
from storefront.payments.models import Payment, PaymentMethod, StripeEvent
from tests.paytools import post_event, row_counts

#: money: each event once, state only forward; see tests/conftest.py
pytestmark = pytest.mark.both_databases


@pytest.fixture
def card(fake_stripe, make_order):
    make_order(id=42, total=75_000, method=PaymentMethod.CARD)
    payment = services.start_payment(42, 75_000, PaymentMethod.CARD, description="Pesanan #42")
    db.session.commit()
    return payment


def _status(payment_id):
    db.session.rollback()
    return db.session.get(Payment, payment_id).status


def test_completed_paid_marks_paid_once_even_sent_five_times(client, fake_stripe, card, heard):
    event = fake_stripe.event("checkout.session.completed", fake_stripe.pay(card.provider_ref))
    outcomes = [post_event(client, event).get_json()["outcome"] for _ in range(5)]
    assert outcomes == ["changed"] + ["duplicate"] * 4
    assert _status(card.id) == PaymentStatus.PAID
    assert heard == [("paid", 42)]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(StripeEvent)) == 1
    assert db.session.get(Payment, card.id).payment_intent_id.startswith("pi_fake_")


def test_async_success_then_completed_and_a_late_expired_change_state_once(
        client, fake_stripe, card, heard):
    paid = fake_stripe.pay(card.provider_ref)
    unpaid = dict(paid, payment_status="unpaid")
    for kind, session in [("checkout.session.async_payment_succeeded", paid),
                          ("checkout.session.completed", unpaid),
                          ("checkout.session.completed", paid),
                          ("checkout.session.expired", dict(paid, status="expired")),
                          ("checkout.session.async_payment_failed", paid)]:
        assert post_event(client, fake_stripe.event(kind, session)).status_code == 200
    assert _status(card.id) == PaymentStatus.PAID
    assert heard == [("paid", 42)]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(StripeEvent)) == 5


def test_completed_but_unpaid_waits_for_the_async_result(client, fake_stripe, card, heard):
    session = dict(fake_stripe.sessions[card.provider_ref], status="complete",
                   payment_status="unpaid")
    reply = post_event(client, fake_stripe.event("checkout.session.completed", session))
    assert reply.get_json()["outcome"] == "waiting"
    assert _status(card.id) == PaymentStatus.PENDING
    reply = post_event(client, fake_stripe.event("checkout.session.async_payment_failed", session))
    assert reply.get_json()["outcome"] == "changed"
    assert _status(card.id) == PaymentStatus.FAILED
    assert heard == [("failed", 42)]


def test_expired_then_late_paid_is_flagged_for_refund(client, fake_stripe, card, heard):
    session = fake_stripe.sessions[card.provider_ref]
    post_event(client, fake_stripe.event("checkout.session.expired", dict(session, status="expired")))
    post_event(client, fake_stripe.event("checkout.session.completed", fake_stripe.pay(card.provider_ref)))
    assert _status(card.id) == PaymentStatus.NEEDS_REFUND
    assert heard == [("expired", 42), ("needs_refund", 42)]


def test_unknown_type_is_stored_and_ignored(client, fake_stripe, card, heard):
    event = fake_stripe.event("charge.dispute.created", {"id": "du_1", "object": "dispute"})
    reply = post_event(client, event)
    assert reply.status_code == 200 and reply.get_json()["outcome"] == "ignored"
    assert db.session.scalar(sa.select(StripeEvent.type)) == "charge.dispute.created"
    assert _status(card.id) == PaymentStatus.PENDING
    assert heard == []


def test_event_for_a_session_we_never_made_is_answered_and_stored(client, fake_stripe, heard):
    event = fake_stripe.event("checkout.session.completed",
                              {"id": "cs_other", "payment_status": "paid"})
    assert post_event(client, event).get_json()["outcome"] == "unknown_payment"
    assert heard == []


def _abuse_cases(event):
    body = json.dumps(event)
    now = int(time.time())
    return {
        "unsigned": dict(header=""),
        "forged": dict(secret="whsec_wrong"),
        "stale": dict(timestamp=now - 301),
        "reserialised": dict(body=json.dumps(event, indent=2), signed_body=body),
        "tampered": dict(body=body.replace('"paid"', '"unpaid"'), signed_body=body),
        "garbage_header": dict(header="v1=abc,t=notanumber"),
        "not_json": dict(body="not json at all"),
    }


@pytest.mark.parametrize("case", ["unsigned", "forged", "stale", "reserialised", "tampered",
                                  "garbage_header", "not_json"])
def test_rejected_webhooks_answer_400_and_write_nothing(client, fake_stripe, card, heard, case):
    event = fake_stripe.event("checkout.session.completed", fake_stripe.pay(card.provider_ref))
    before = row_counts()
    reply = post_event(client, event, **_abuse_cases(event)[case])
    assert reply.status_code == 400
    assert row_counts() == before
    assert _status(card.id) == PaymentStatus.PENDING
    assert heard == []
    # the genuine event still works afterwards, once
    assert post_event(client, event).get_json()["outcome"] == "changed"
    assert heard == [("paid", 42)]


def test_a_missing_webhook_secret_refuses_everything(client, fake_stripe, card, app):
    app.config["STRIPE_WEBHOOK_SECRET"] = ""
    event = fake_stripe.event("checkout.session.completed", fake_stripe.pay(card.provider_ref))
    before = row_counts()
    assert post_event(client, event).status_code == 400
    assert row_counts() == before


def test_webhook_needs_no_csrf_token(client, fake_stripe, card, app):
    app.config["WTF_CSRF_ENABLED"] = True
    event = fake_stripe.event("checkout.session.completed", fake_stripe.pay(card.provider_ref))
    assert post_event(client, event).status_code == 200
