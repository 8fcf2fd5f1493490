"""Paying through the real checkout: card (Stripe fake + signed webhooks), transfer, cash.

Acceptance 1, 2 and 4 of the payments issue: each order is placed by POSTing /pesan/.
"""
import io
import json
import time

import pytest
import sqlalchemy as sa
from PIL import Image

from storefront.accounts.models import Role
from storefront.audit.models import AuditEntry
from storefront.domain.ledger import EntryKind
from storefront.domain.order_states import SellerOrderStatus as S
from storefront.domain.payment_states import PaymentStatus
from storefront.extensions import db
from storefront.ledger import services as ledger
from storefront.ledger.models import LedgerEntry
from storefront.models import Notification, Order, Product, SellerOrder, SellerOrderEvent
from storefront.payments.models import Payment, PaymentMethod, PaymentRefund
from storefront.refunds.models import RefundObligation
from tests.paytools import post_event, row_counts

#: money: payments through checkout; see tests/conftest.py
pytestmark = pytest.mark.both_databases


def buy(client, quantities: dict, method: str, **extra):
    for product, quantity in quantities.items():
        client.post("/keranjang/tambah", data={"product_id": str(product.id),
                                               "quantity": str(quantity)})
    data = {"name": "Ibu Maria", "phone": "0813 9999 0000", "email": "", "address": "",
            "payment_method": method}
    data.update(extra)
    return client.post("/pesan/", data=data)


@pytest.fixture
def two_sellers(make_shop, make_product):
    """Two sellers, one product each (stock 5): Rp 30.000 × 2 and Rp 45.000 × 1."""
    shops = [make_shop(name="Dapur Mama Yuli"), make_shop(name="Tenun Mama Sari")]
    products = [make_product(shop=shops[0], price=30_000, stock=5),
                make_product(shop=shops[1], price=45_000, stock=5)]
    db.session.commit()
    return shops, {products[0]: 2, products[1]: 1}


def _order() -> Order:
    db.session.rollback()
    return db.session.scalar(sa.select(Order))


def _payment(order: Order) -> Payment:
    return db.session.scalar(sa.select(Payment).where(Payment.order_id == order.id))


def _stock(product) -> int:
    return db.session.scalar(sa.select(Product.stock).where(Product.id == product.id))


def _notes(user_id: int) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Notification)
                             .where(Notification.user_id == user_id))


def _moves(order: Order, to: S) -> dict[int, int]:
    """Seller order id → how many times it moved to ``to``."""
    rows = db.session.execute(
        sa.select(SellerOrderEvent.seller_order_id, sa.func.count())
        .join(SellerOrder, SellerOrder.id == SellerOrderEvent.seller_order_id)
        .where(SellerOrder.order_id == order.id, SellerOrderEvent.to_status == to)
        .group_by(SellerOrderEvent.seller_order_id)).all()
    return dict(rows)


def _complete(client, login, part: SellerOrder):
    login(part.shop.owner)
    for step in ("accepted", "ready", "completed"):
        assert client.post(f"/penjual/pesanan/{part.id}/langkah", data={"to": step}) \
            .status_code == 302


def _ledger(shop_id: int) -> list[tuple[EntryKind, int]]:
    db.session.rollback()
    return [(e.kind, e.amount) for e in ledger.entries(shop_id)]


# --- 1. card ------------------------------------------------------------------------------

def test_card_checkout_creates_a_session_in_minor_units_and_paid_routes_each_part_once(
        client, fake_stripe, two_sellers):
    shops, cart = two_sellers
    reply = buy(client, cart, "card")
    order = _order()
    payment = _payment(order)
    assert order.total == 105_000 and order.payment_method == PaymentMethod.CARD
    # the buyer goes to Stripe's hosted page
    assert reply.status_code == 303 and reply.headers["Location"] == payment.redirect_url
    [call] = fake_stripe.posts("/v1/checkout/sessions")
    assert call.params["line_items[0][price_data][unit_amount]"] == "10500000"
    assert call.params["line_items[0][price_data][currency]"] == "idr"
    assert call.params["metadata[order_id]"] == str(order.id)
    assert call.params["success_url"].endswith(f"/pesanan/{order.token}")
    # stock reserved, nobody told yet, the tracking page asks her to pay
    assert [p.status for p in order.parts] == [S.AWAITING_PAYMENT] * 2
    assert [_stock(p) for p in cart] == [3, 4]
    assert all(_notes(shop.owner_id) == 0 for shop in shops)
    track = client.get(f"/pesanan/{order.token}").get_data(as_text=True)
    assert f"/bayar/{payment.token}" in track

    event = fake_stripe.event("checkout.session.completed", fake_stripe.pay(payment.provider_ref))
    assert post_event(client, event).get_json()["outcome"] == "changed"
    order = _order()
    assert _payment(order).status == PaymentStatus.PAID
    assert [p.status for p in order.parts] == [S.NEW, S.NEW]
    assert _moves(order, S.NEW) == {p.id: 1 for p in order.parts}
    assert [_notes(shop.owner_id) for shop in shops] == [1, 1]
    assert [_stock(p) for p in cart] == [3, 4]  # taken once, never again
    assert f"/bayar/{payment.token}" not in client.get(f"/pesanan/{order.token}").get_data(
        as_text=True)


def test_card_below_the_minimum_is_refused_and_nothing_is_taken(client, fake_stripe, app,
                                                               two_sellers):
    app.config["STRIPE_MIN_AMOUNT"] = 200_000
    _shops, cart = two_sellers
    reply = buy(client, cart, "card")
    assert reply.status_code == 200
    assert "Rp 200.000" in reply.get_data(as_text=True)
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Order)) == 0
    assert [_stock(p) for p in cart] == [5, 5]
    assert fake_stripe.posts("/v1/checkout/sessions") == []


def test_only_enabled_methods_are_offered_and_accepted(client, app, two_sellers):
    app.config["PAYMENT_METHODS"] = ("bank_transfer",)
    _shops, cart = two_sellers
    for product, quantity in cart.items():
        client.post("/keranjang/tambah", data={"product_id": str(product.id),
                                               "quantity": str(quantity)})
    page = client.get("/pesan/").get_data(as_text=True)
    assert 'value="bank_transfer"' in page and 'value="cash"' not in page
    assert 'value="card"' not in page
    for method in ("cash", "card", "bitcoin", ""):
        reply = buy(client, {}, method)
        assert reply.status_code == 200, method
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Order)) == 0


# --- 2. webhook abuse ---------------------------------------------------------------------

def test_webhook_abuse_through_checkout_one_change_one_note_per_seller_one_ledger(
        client, login, fake_stripe, two_sellers, app):
    app.config["COMMISSION_RATE"] = "0.1"
    shops, cart = two_sellers
    buy(client, cart, "card")
    order = _order()
    payment = _payment(order)
    paid = fake_stripe.pay(payment.provider_ref)
    completed = fake_stripe.event("checkout.session.completed", paid)
    body = json.dumps(completed)

    # rejected: forged, stale, re-serialised, unsigned, tampered: 400 and nothing written
    before = row_counts()
    for abuse in (dict(secret="whsec_forged"), dict(timestamp=int(time.time()) - 301),
                  dict(body=json.dumps(completed, indent=2), signed_body=body), dict(header=""),
                  dict(body=body.replace('"paid"', '"unpaid"'), signed_body=body)):
        assert post_event(client, completed, **abuse).status_code == 400
    assert row_counts() == before

    # an unknown type is stored and ignored; out-of-order and repeated events are harmless
    outcomes = [post_event(client, fake_stripe.event("charge.dispute.created",
                                                     {"id": "du_1"})).get_json()["outcome"]]
    outcomes += [post_event(client, fake_stripe.event(
        "checkout.session.async_payment_succeeded", paid)).get_json()["outcome"]]
    outcomes += [post_event(client, completed).get_json()["outcome"] for _ in range(5)]
    outcomes += [post_event(client, fake_stripe.event(kind, dict(paid, status="expired")))
                 .get_json()["outcome"] for kind in ("checkout.session.expired",
                                                     "checkout.session.async_payment_failed")]
    assert outcomes == ["ignored", "changed", "unchanged"] + ["duplicate"] * 4 + \
        ["unchanged", "unchanged"]

    order = _order()
    assert _payment(order).status == PaymentStatus.PAID
    assert _moves(order, S.NEW) == {p.id: 1 for p in order.parts}
    assert _moves(order, S.CANCELLED) == {}
    assert [_notes(shop.owner_id) for shop in shops] == [1, 1]
    assert [_stock(p) for p in cart] == [3, 4]

    for part in order.parts:
        _complete(client, login, part)
        # a second "completed" tap is refused and writes no second sale
        client.post(f"/penjual/pesanan/{part.id}/langkah", data={"to": "completed"})
    assert _ledger(shops[0].id) == [(EntryKind.SALE, 60_000), (EntryKind.COMMISSION, -6_000)]
    assert _ledger(shops[1].id) == [(EntryKind.SALE, 45_000), (EntryKind.COMMISSION, -4_500)]
    assert post_event(client, completed).get_json()["outcome"] == "duplicate"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(LedgerEntry)) == 4


# --- 4. transfer / QRIS and cash ----------------------------------------------------------

def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 500), (200, 120, 40)).save(out, "PNG")
    return out.getvalue()


def test_transfer_checkout_proof_staff_confirms_seller_completes_ledger(
        client, login, app, make_user, two_sellers):
    app.config.update(PAYMENT_BANK_ACCOUNT="0123 4567 8901", COMMISSION_RATE="0.05")
    shops, cart = two_sellers
    reply = buy(client, cart, "bank_transfer")
    order = _order()
    payment = _payment(order)
    assert reply.status_code == 302 and reply.headers["Location"].endswith(
        f"/bayar/{payment.token}")
    page = client.get(reply.headers["Location"]).get_data(as_text=True)
    assert "0123 4567 8901" in page and "Rp 105.000" in page
    assert payment.expires_at is not None and payment.method == PaymentMethod.BANK_TRANSFER
    assert [p.status for p in order.parts] == [S.AWAITING_PAYMENT] * 2
    assert f"/bayar/{payment.token}" in client.get(f"/pesanan/{order.token}").get_data(
        as_text=True)
    assert client.post(f"/bayar/{payment.token}/bukti",
                       data={"photo": (io.BytesIO(_png()), "bukti.png")},
                       content_type="multipart/form-data").status_code == 302

    staff = make_user(Role.STAFF)
    login(staff)
    queue = client.get("/staf/pembayaran/").get_data(as_text=True)
    assert order.number in queue and f"/pesanan/{order.token}" in queue
    for _ in range(2):  # a double click confirms once
        client.post(f"/staf/pembayaran/{payment.id}/konfirmasi")
    order = _order()
    assert [p.status for p in order.parts] == [S.NEW, S.NEW]
    assert [_notes(shop.owner_id) for shop in shops] == [1, 1]
    assert _ledger(shops[0].id) == []  # nothing is owed before she hands it over

    for part in order.parts:
        _complete(client, login, part)
    assert _ledger(shops[0].id) == [(EntryKind.SALE, 60_000), (EntryKind.COMMISSION, -3_000)]
    assert _ledger(shops[1].id) == [(EntryKind.SALE, 45_000), (EntryKind.COMMISSION, -2_250)]
    login(shops[0].owner)
    earnings = client.get("/penjual/pendapatan/").get_data(as_text=True)
    assert "Rp 57.000" in earnings and order.number in earnings


def test_cash_checkout_is_new_at_once_and_completion_confirms_the_cash(
        client, login, app, two_sellers):
    app.config["COMMISSION_RATE"] = "0.1"
    shops, cart = two_sellers
    reply = buy(client, cart, "cash")
    order = _order()
    assert reply.headers["Location"].endswith(f"/pesanan/{order.token}/terima-kasih")
    assert [p.status for p in order.parts] == [S.NEW, S.NEW]
    assert [_notes(shop.owner_id) for shop in shops] == [1, 1]
    payment = _payment(order)
    assert payment.method == PaymentMethod.CASH and payment.status == PaymentStatus.PENDING
    assert payment.expires_at is None  # cash waits for the handover
    first, second = order.parts
    _complete(client, login, first)
    # the other seller has not collected her part's cash yet: the payment still waits
    assert _payment(_order()).status == PaymentStatus.PENDING
    _complete(client, login, second)
    payment = _payment(_order())
    assert payment.status == PaymentStatus.PAID and payment.confirmed_by_id == shops[1].owner_id
    # she holds the cash herself: the sale, the commission she owes, and the cash she kept
    assert _ledger(shops[0].id) == [(EntryKind.SALE, 60_000), (EntryKind.COMMISSION, -6_000),
                                    (EntryKind.PAYOUT, -60_000)]
    assert ledger.balance(shops[0].id) == -6_000
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry).where(
        AuditEntry.action == "payment.cash_received")) == 1
    login(shops[0].owner)
    earnings = client.get("/penjual/pendapatan/").get_data(as_text=True)
    assert "Uang tunai yang Ibu terima dari pembeli" in earnings


# --- staff cancel a paid seller order -----------------------------------------------------

def test_staff_cancel_of_a_paid_card_part_refunds_that_part_at_stripe(
        client, login, fake_stripe, make_user, two_sellers):
    shops, cart = two_sellers
    buy(client, cart, "card")
    order = _order()
    payment = _payment(order)
    post_event(client, fake_stripe.event("checkout.session.completed",
                                         fake_stripe.pay(payment.provider_ref)))
    staff = make_user(Role.STAFF)
    login(staff)
    second = order.parts[1]
    reply = client.post(f"/staf/pesanan/{second.id}/batal", data={"reason": "Penjual sakit"})
    assert reply.status_code == 302
    assert fake_stripe.posts("/v1/refunds") == []  # owed first, sent from the refund queue
    owed = db.session.scalars(sa.select(RefundObligation)).one()
    assert (owed.seller_order_id, owed.amount) == (second.id, 45_000)
    client.post(f"/staf/pengembalian/{owed.id}")
    [refund] = fake_stripe.posts("/v1/refunds")
    assert refund.params == {"payment_intent": _payment(_order()).payment_intent_id,
                             "amount": "4500000"}
    payment = _payment(_order())
    assert payment.refunded_amount == 45_000 and payment.status == PaymentStatus.PAID
    row = db.session.scalar(sa.select(PaymentRefund))
    assert row.provider_ref.startswith("re_fake_") and not row.manual
    assert [_stock(p) for p in cart] == [3, 5]
    actions = set(db.session.scalars(sa.select(AuditEntry.action)))
    assert {"order.cancel", "refund.owed", "payment.refund", "refund.sent"} <= actions
    assert _ledger(shops[1].id) == []  # never completed, so no sale to take back


def test_staff_cancel_of_a_completed_transfer_part_records_manual_and_ledger_refund(
        client, login, app, make_user, two_sellers):
    app.config["COMMISSION_RATE"] = "0.1"
    shops, cart = two_sellers
    buy(client, cart, "bank_transfer")
    order = _order()
    payment = _payment(order)
    staff = make_user(Role.STAFF)
    login(staff)
    client.post(f"/staf/pembayaran/{payment.id}/konfirmasi")
    first = _order().parts[0]
    _complete(client, login, first)
    login(staff)
    page = client.get("/staf/pesanan/").get_data(as_text=True)
    assert f"/staf/pesanan/{first.id}/batal" in page  # a handed-over part can still be refunded
    client.post(f"/staf/pesanan/{first.id}/batal", data={"reason": "Kue rusak"})
    owed = db.session.scalars(sa.select(RefundObligation)).one()
    client.post(f"/staf/pengembalian/{owed.id}", data={"reference": "BNTT-5"})
    row = db.session.scalar(sa.select(PaymentRefund))
    assert (row.amount, row.manual, row.provider_ref) == (60_000, True, "")
    assert _ledger(shops[0].id) == [(EntryKind.SALE, 60_000), (EntryKind.COMMISSION, -6_000),
                                    (EntryKind.REFUND, -60_000), (EntryKind.COMMISSION, 6_000)]
    assert ledger.balance(shops[0].id) == 0
    actions = list(db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)))
    assert actions[-4:] == ["refund.owed", "order.cancel", "payment.refund_manual", "refund.sent"]
    # the seller cannot cancel after handing over, and a second staff cancel changes nothing
    client.post(f"/staf/pesanan/{first.id}/batal", data={"reason": "lagi"})
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PaymentRefund)) == 1


def test_a_part_cancelled_by_its_seller_before_payment_is_flagged_for_refund(
        client, login, fake_stripe, make_user, two_sellers):
    shops, cart = two_sellers
    staff = make_user(Role.STAFF)
    db.session.commit()
    buy(client, cart, "card")
    order = _order()
    payment = _payment(order)
    first = order.parts[0]
    login(shops[0].owner)
    client.post(f"/penjual/pesanan/{first.id}/batal", data={"reason": "Bahan habis"})
    assert _stock(next(iter(cart))) == 5
    post_event(client, fake_stripe.event("checkout.session.completed",
                                         fake_stripe.pay(payment.provider_ref)))
    order = _order()
    assert [p.status for p in order.parts] == [S.CANCELLED, S.NEW]
    assert [_notes(shop.owner_id) for shop in shops] == [0, 1]
    [note] = db.session.scalars(sa.select(Notification.text).where(
        Notification.user_id == staff.id)).all()
    assert order.number in note and "Rp 60.000" in note
    assert db.session.scalar(sa.select(AuditEntry.shop_id).where(
        AuditEntry.action == "refund.owed")) == shops[0].id
    owed = db.session.scalars(sa.select(RefundObligation)).one()
    assert (owed.seller_order_id, owed.amount) == (order.parts[0].id, 60_000)
