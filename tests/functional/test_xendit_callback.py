"""/webhooks/xendit: the token, each event once, Xendit asked before any change."""
import json

import pytest
import sqlalchemy as sa

from storefront.domain.payment_states import PaymentStatus
from storefront.extensions import db
from storefront.payments import services
from storefront.payments.models import Payment, PaymentMethod, XenditEvent
from tests.fakes.xendit_server import CALLBACK_TOKEN
from tests.paytools import post_callback, row_counts


@pytest.fixture
def qris(fake_xendit, make_order):
    make_order(id=42, total=75_000, method=PaymentMethod.QRIS)
    payment = services.start_payment(42, 75_000, PaymentMethod.QRIS, description="Pesanan #42",
                                     channel="QRIS")
    db.session.commit()
    return payment


def _status(payment_id):
    db.session.rollback()
    return db.session.get(Payment, payment_id).status


def _events() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(XenditEvent))


@pytest.mark.parametrize("token", [None, "", "wrong", CALLBACK_TOKEN + "x", CALLBACK_TOKEN[:-1],
                                   "٣" * 8])
def test_missing_or_wrong_token_gets_403_and_writes_nothing(client, fake_xendit, qris, heard,
                                                            token):
    callback = fake_xendit.pay(qris.provider_ref, send=False)
    before = row_counts()
    reply = post_callback(client, callback, token=token)
    assert reply.status_code == 403
    assert row_counts() == before
    assert _status(qris.id) == PaymentStatus.PENDING and heard == []
    assert [r.path for r in fake_xendit.requests if r.method == "GET"] == []  # not even asked


def test_without_a_configured_token_every_callback_is_refused(client, app, fake_xendit, qris):
    app.config["XENDIT_CALLBACK_TOKEN"] = ""
    callback = fake_xendit.pay(qris.provider_ref, send=False)
    assert post_callback(client, callback, token="").status_code == 403
    assert post_callback(client, callback).status_code == 403
    assert _status(qris.id) == PaymentStatus.PENDING


def test_the_same_event_five_times_changes_once(client, fake_xendit, qris, heard):
    callback = fake_xendit.pay(qris.provider_ref, send=False)
    outcomes = [post_callback(client, callback).get_json()["outcome"] for _ in range(5)]
    assert outcomes == ["changed", "duplicate", "duplicate", "duplicate", "duplicate"]
    assert _status(qris.id) == PaymentStatus.PAID
    assert heard == [("paid", 42)] and _events() == 1
    # Xendit re-sending under a new webhook id is harmless too: the payment moves only forward
    again = fake_xendit.callback(fake_xendit.payment_requests[qris.provider_ref],
                                 "payment.succeeded")
    assert post_callback(client, again).get_json()["outcome"] == "unchanged"
    assert heard == [("paid", 42)]


def test_a_callback_xendit_does_not_confirm_changes_nothing(client, fake_xendit, qris, heard):
    made = fake_xendit.payment_requests[qris.provider_ref]
    forged = fake_xendit.callback(made, "payment.succeeded")  # the request is still PENDING
    before = row_counts()
    reply = post_callback(client, forged)
    assert reply.status_code == 200 and reply.get_json()["outcome"] == "unconfirmed"
    assert row_counts() == before and heard == []
    assert [r.path for r in fake_xendit.requests if r.method == "GET"] == [
        f"/payment_requests/{qris.provider_ref}"]
    # a body claiming failure of a request Xendit says succeeded changes nothing either
    fake_xendit.pay(qris.provider_ref, send=False)
    failed = fake_xendit.callback(made, "payment.failed")
    assert post_callback(client, failed).get_json()["outcome"] == "unconfirmed"
    assert _status(qris.id) == PaymentStatus.PENDING and _events() == 0


def test_a_paid_amount_that_differs_from_ours_is_not_marked_paid(client, fake_xendit, qris,
                                                                 heard):
    fake_xendit.payment_requests[qris.provider_ref]["amount"] = 1_000
    callback = fake_xendit.pay(qris.provider_ref, send=False)
    assert post_callback(client, callback).get_json()["outcome"] == "unconfirmed"
    assert _status(qris.id) == PaymentStatus.PENDING and heard == []


def test_payment_after_expiry_becomes_needs_refund_never_paid(client, fake_xendit, qris, heard):
    assert services.mark_expired(db.session.get(Payment, qris.id))
    db.session.commit()
    callback = fake_xendit.pay(qris.provider_ref, send=False)
    assert post_callback(client, callback).get_json()["outcome"] == "changed"
    assert _status(qris.id) == PaymentStatus.NEEDS_REFUND
    assert heard == [("expired", 42), ("needs_refund", 42)]


def test_failed_payment_is_confirmed_then_marked_failed(client, fake_xendit, qris, heard):
    callback = fake_xendit.pay(qris.provider_ref, status="FAILED", send=False)
    assert post_callback(client, callback).get_json()["outcome"] == "changed"
    assert _status(qris.id) == PaymentStatus.FAILED and heard == [("failed", 42)]


def test_xendit_unreachable_answers_503_so_xendit_retries_and_nothing_is_written(
        client, fake_xendit, qris, heard):
    callback = fake_xendit.pay(qris.provider_ref, send=False)
    fake_xendit.fail_next(1)
    before = row_counts()
    assert post_callback(client, callback).status_code == 503
    assert row_counts() == before and heard == []
    assert post_callback(client, callback).get_json()["outcome"] == "changed"  # the retry
    assert heard == [("paid", 42)]


@pytest.mark.parametrize("body", ["", "not json", "[]", json.dumps({"event": 5}),
                                  json.dumps({"event": "payment.succeeded", "data": "x"}),
                                  json.dumps({"event": "payment.succeeded",
                                              "data": {"payment_request_id": "pr-other"}}),
                                  json.dumps({"event": "payment_method.activated", "data": {}})])
def test_odd_bodies_with_the_right_token_change_nothing(client, fake_xendit, qris, heard, body):
    callback = fake_xendit.pay(qris.provider_ref, send=False)
    before = row_counts()
    reply = post_callback(client, callback, body=body)
    assert reply.status_code in (200, 400)
    assert row_counts() == before and heard == []


def test_a_card_payment_cannot_be_moved_by_a_xendit_callback(client, fake_xendit, fake_stripe,
                                                             make_order, heard):
    make_order(id=43, total=75_000, method=PaymentMethod.CARD)
    card = services.start_payment(43, 75_000, PaymentMethod.CARD, description="Pesanan #43")
    db.session.commit()
    body = {"event": "payment.succeeded", "data": {"payment_request_id": card.provider_ref}}
    reply = post_callback(client, {"body": body, "headers": {"x-callback-token": CALLBACK_TOKEN}})
    assert reply.get_json()["outcome"] == "unknown_payment"
    assert _status(card.id) == PaymentStatus.PENDING and heard == []
