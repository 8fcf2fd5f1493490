"""Paying by QRIS, virtual account and e-wallet through the real checkout and the Xendit fake.

Each order is placed by POSTing /pesan/; the real xendit-python SDK talks to the
loopback fake; a simulated payment's callback comes back to /webhooks/xendit.
"""
import pytest
import sqlalchemy as sa

from storefront.domain.order_states import SellerOrderStatus as S
from storefront.domain.payment_states import PaymentStatus
from storefront.extensions import db
from storefront.models import Notification, Order, Product, SellerOrder, SellerOrderEvent
from storefront.payments.models import Payment, PaymentMethod, XenditEvent
from tests.functional import test_checkout_payments as checkout_tests
from tests.functional.test_checkout_payments import buy
from tests.paytools import post_callback, row_counts

#: Two sellers, one product each (stock 5): Rp 30.000 × 2 and Rp 45.000 × 1.
two_sellers = checkout_tests.two_sellers


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


def _moves_to_new(order: Order) -> dict[int, int]:
    return dict(db.session.execute(
        sa.select(SellerOrderEvent.seller_order_id, sa.func.count())
        .join(SellerOrder, SellerOrder.id == SellerOrderEvent.seller_order_id)
        .where(SellerOrder.order_id == order.id, SellerOrderEvent.to_status == S.NEW)
        .group_by(SellerOrderEvent.seller_order_id)).all())


#: (method, extra form fields, Xendit type, channel)
METHODS = [
    ("qris", {}, "QR_CODE", "QRIS"),
    ("va", {"va_bank": "BNI"}, "VIRTUAL_ACCOUNT", "BNI"),
    ("ewallet", {"ewallet": "DANA"}, "EWALLET", "DANA"),
    ("ewallet", {"ewallet": "OVO"}, "EWALLET", "OVO"),
]


@pytest.mark.parametrize(("method", "extra", "kind", "channel"), METHODS,
                         ids=["qris", "va", "ewallet-redirect", "ewallet-push"])
def test_each_method_reserves_stock_calls_xendit_once_shows_how_to_pay_and_a_paid_callback_routes_once(  # noqa: E501
        client, fake_xendit, two_sellers, method, extra, kind, channel):
    shops, cart = two_sellers
    reply = buy(client, cart, method, **extra)
    order = _order()
    payment = _payment(order)
    # placed, stock reserved, nobody told yet
    assert order.total == 105_000 and order.payment_method == PaymentMethod(method)
    assert [p.status for p in order.parts] == [S.AWAITING_PAYMENT] * 2
    assert [_stock(p) for p in cart] == [3, 4]
    assert all(_notes(shop.owner_id) == 0 for shop in shops)
    # Xendit called once, the exact amount in rupiah, with an idempotency key
    [call] = fake_xendit.posts("/payment_requests")
    assert call.body["amount"] == 105_000 and call.body["currency"] == "IDR"
    assert call.idempotency_key == f"pasar-ibu-order-{order.id}-attempt-1"
    assert call.body["payment_method"]["type"] == kind
    assert call.authorization.startswith("Basic ")
    assert (payment.provider_ref, payment.channel) == ("pr-fake-1", channel)
    # the buyer sees the QR, the account number or the e-wallet's page
    made = fake_xendit.payment_requests[payment.provider_ref]
    if method == "ewallet" and channel != "OVO":
        assert reply.status_code == 303 and reply.headers["Location"] == made["actions"][0]["url"]
        assert call.body["payment_method"]["ewallet"]["channel_properties"][
            "success_return_url"].endswith(f"/pesanan/{order.token}")
    else:
        assert reply.status_code == 302 and reply.headers["Location"].endswith(
            f"/bayar/{payment.token}")
    page = client.get(f"/bayar/{payment.token}").get_data(as_text=True)
    assert "Rp 105.000" in page
    if method == "qris":
        assert f"/bayar/{payment.token}/qr.svg" in page
        svg = client.get(f"/bayar/{payment.token}/qr.svg")
        assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
        assert payment.pay_code == made["payment_method"]["qr_code"]["channel_properties"][
            "qr_string"]
    elif method == "va":
        number = made["payment_method"]["virtual_account"]["channel_properties"][
            "virtual_account_number"]
        assert payment.pay_code == number and number in page and "BNI" in page
    elif channel == "OVO":
        assert "OVO" in page
        assert call.body["payment_method"]["ewallet"]["channel_properties"] == {
            "mobile_number": "+6281399990000"}

    # the buyer pays: Xendit's callback, sent five times, routes each part once
    callback = fake_xendit.pay(payment.provider_ref, send=False)
    outcomes = [post_callback(client, callback).get_json()["outcome"] for _ in range(5)]
    assert outcomes == ["changed"] + ["duplicate"] * 4
    order = _order()
    assert _payment(order).status == PaymentStatus.PAID
    assert [p.status for p in order.parts] == [S.NEW, S.NEW]
    assert _moves_to_new(order) == {p.id: 1 for p in order.parts}
    assert [_notes(shop.owner_id) for shop in shops] == [1, 1]
    assert [_stock(p) for p in cart] == [3, 4]
    assert "Dibayar" in client.get(f"/pesanan/{order.token}").get_data(as_text=True)


def test_without_a_xendit_key_the_methods_are_not_offered_nor_accepted(client, app, two_sellers):
    app.config.update(XENDIT_SECRET_KEY="", PAYMENT_METHODS=("qris", "va", "ewallet", "cash"))
    _shops, cart = two_sellers
    for product, quantity in cart.items():
        client.post("/keranjang/tambah", data={"product_id": str(product.id),
                                               "quantity": str(quantity)})
    page = client.get("/pesan/").get_data(as_text=True)
    assert 'value="qris"' not in page and 'value="va"' not in page
    assert 'value="ewallet"' not in page and 'value="cash"' in page
    reply = buy(client, {}, "qris")
    assert reply.status_code == 200
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Order)) == 0


@pytest.mark.parametrize("bank", ["XYZ", "bri", "BRI²", "", "1" * 40])
def test_a_bank_not_offered_is_refused_and_nothing_is_taken(client, fake_xendit, app,
                                                            two_sellers, bank):
    app.config["XENDIT_VA_BANKS"] = ("BRI", "MANDIRI")
    _shops, cart = two_sellers
    reply = buy(client, cart, "va", va_bank=bank)
    assert reply.status_code == 200
    assert "Cara bayar ini sedang tidak tersedia" in reply.get_data(as_text=True)
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Order)) == 0
    assert [_stock(p) for p in cart] == [5, 5]
    assert fake_xendit.posts("/payment_requests") == []


def test_xendit_down_at_checkout_orders_nothing_and_says_so(client, fake_xendit, two_sellers):
    _shops, cart = two_sellers
    fake_xendit.fail_next(1, status=503)
    reply = buy(client, cart, "qris")
    assert reply.status_code == 200
    assert "Pembayaran belum bisa dimulai" in reply.get_data(as_text=True)
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Order)) == 0
    assert [_stock(p) for p in cart] == [5, 5]


def test_qr_image_is_only_for_qris_payments(client, fake_xendit, two_sellers):
    _shops, cart = two_sellers
    buy(client, cart, "va", va_bank="BRI")
    payment = _payment(_order())
    assert client.get(f"/bayar/{payment.token}/qr.svg").status_code == 404
    assert client.get("/bayar/nope/qr.svg").status_code == 404
    assert row_counts()[XenditEvent.__tablename__] == 0
