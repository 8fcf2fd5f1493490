"""The hostile inputs that answered 500 in the production pass, one by one: a phone of
only spaces, signed but malformed Stripe webhooks, the year 9999 in impact reports, a
unique constraint lost to a concurrent change."""
import json

import pytest
import sqlalchemy as sa

from storefront.extensions import db
from storefront.payments import services
from storefront.payments.models import Payment, PaymentMethod, PaymentStatus
from tests.fakes import stripe_server


def test_register_with_a_phone_of_only_spaces(client):
    reply = client.post("/akun/daftar", data={"name": "Ibu Ani", "phone": "   ",
                                              "email": "ani@example.test",
                                              "password": "sandi-ibu-panjang-1",
                                              "confirm": "sandi-ibu-panjang-1"})
    assert reply.status_code in (200, 302)


def test_seller_whatsapp_of_only_spaces(client, seller):
    page = client.get("/penjual/toko").get_data(as_text=True)
    assert "whatsapp" in page
    reply = client.post("/penjual/toko", data={"name": seller.name, "area": seller.area,
                                               "story": "Cerita.", "whatsapp": "   "})
    assert reply.status_code < 500


@pytest.mark.parametrize("body", [
    {"id": "evt_1", "type": "checkout.session.completed", "data": "x"},
    {"id": "evt_2", "type": "checkout.session.completed", "data": {"object": "x"}},
    {"id": "evt_3", "type": ["checkout.session.completed"], "data": {"object": {}}},
    {"id": "e" * 300, "type": "checkout.session.completed", "data": {"object": {}}},
    {"id": 5, "type": "checkout.session.completed"},
    ["not", "an", "event"],
])
def test_signed_but_malformed_webhooks_are_refused(client, fake_stripe, body):
    payload = json.dumps(body)
    reply = client.post("/webhooks/stripe", data=payload,
                        headers={"Stripe-Signature": stripe_server.sign(payload),
                                 "Content-Type": "application/json"})
    assert reply.status_code == 400


def test_signed_event_with_odd_session_fields(client, fake_stripe, make_order):
    make_order(id=42, total=75_000, method=PaymentMethod.CARD)
    card = services.start_payment(42, 75_000, PaymentMethod.CARD, description="Pesanan #42")
    db.session.commit()
    session = dict(fake_stripe.pay(card.provider_ref), payment_intent={"id": "pi_x"})
    event = fake_stripe.event("checkout.session.completed", session)
    payload = json.dumps(event)
    reply = client.post("/webhooks/stripe", data=payload,
                        headers={"Stripe-Signature": stripe_server.sign(payload)})
    assert reply.status_code == 200
    db.session.rollback()
    assert db.session.get(Payment, card.id).status == PaymentStatus.PAID
    odd_id = fake_stripe.event("checkout.session.completed", {"id": ["cs_x"]})
    payload = json.dumps(odd_id)
    assert client.post("/webhooks/stripe", data=payload,
                       headers={"Stripe-Signature": stripe_server.sign(payload)}).status_code == 200


@pytest.mark.parametrize("path", [
    "/staf/dampak/laporan/{shop}/9999-12.pdf", "/staf/dampak/laporan/{shop}/0001-01.pdf",
    "/staf/dampak/?dari=9999-12-01&sampai=9999-12-31", "/staf/dampak/tabel.csv?sampai=9999-12-31",
    "/staf/dampak/sponsor.pdf?dari=0001-01-01&sampai=0001-02-01",
])
def test_impact_far_years(client, login, make_staff, make_seller, path):
    shop = make_seller()
    login(make_staff())
    reply = client.get(path.format(shop=shop.id))
    assert reply.status_code in (400, 404, 422)
    assert "2026" in reply.get_data(as_text=True)  # the message shows the expected form


def test_a_lost_race_on_a_constraint_is_a_409_not_a_500(app):
    """Two requests inserted the same unique row; the error page of the second one."""
    with app.test_request_context("/staf/pesanan/1/batal", method="POST"):
        try:
            db.session.execute(sa.insert(Payment).values(id=1, order_id=None))
        except sa.exc.IntegrityError as exc:
            body, status = app.handle_user_exception(exc)
    assert status == 409 and "saat yang sama" in body
