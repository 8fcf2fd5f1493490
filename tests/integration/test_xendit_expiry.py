"""Unpaid Xendit payments expire through ``flask release-expired``, which asks Xendit first;
the job racing a payment's callback in another session: exactly one of them wins."""
import threading
import time
from datetime import timedelta

import pytest
import sqlalchemy as sa

from storefront import clock
from storefront.accounts.models import Role
from storefront.domain.order_states import SellerOrderStatus as S
from storefront.domain.payment_states import PaymentStatus
from storefront.extensions import db
from storefront.models import Notification, Order, Product, SellerOrder, SellerOrderEvent
from storefront.payments.jobs import release_expired
from storefront.payments.models import Payment
from tests.paytools import post_callback
from tests.racing import race

NOW = clock.now().replace(microsecond=0)


def _buy(client, quantities: dict, method: str, **extra):
    for product, quantity in quantities.items():
        client.post("/keranjang/tambah", data={"product_id": str(product.id),
                                               "quantity": str(quantity)})
    data = {"name": "Ibu Maria", "phone": "0813 9999 0000", "payment_method": method}
    data.update(extra)
    reply = client.post("/pesan/", data=data)
    assert reply.status_code in (302, 303), reply.get_data(as_text=True)[:2000]
    db.session.rollback()
    order = db.session.scalar(sa.select(Order).order_by(Order.id.desc()).limit(1))
    return order, db.session.scalar(sa.select(Payment).where(Payment.order_id == order.id))


def _stock(product) -> int:
    return db.session.scalar(sa.select(Product.stock).where(Product.id == product.id))


def _moves(order_id: int, to: S) -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(SellerOrderEvent)
        .join(SellerOrder, SellerOrder.id == SellerOrderEvent.seller_order_id)
        .where(SellerOrder.order_id == order_id, SellerOrderEvent.to_status == to))


def _notes(user_id: int) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Notification)
                             .where(Notification.user_id == user_id))


def _release(app) -> str:
    result = app.test_cli_runner().invoke(args=["release-expired"])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def shop_and_products(make_shop, make_product):
    shops = [make_shop(), make_shop()]
    products = [make_product(shop=shops[0], price=30_000, stock=5),
                make_product(shop=shops[1], price=45_000, stock=5)]
    return shops, products


def test_unpaid_va_expires_at_xendit_then_releases_stock_once_and_late_money_is_flagged(
        app, client, fake_xendit, shop_and_products, make_user):
    clock.freeze(NOW)
    app.config["XENDIT_PAYMENT_MINUTES"] = 90
    shops, products = shop_and_products
    staff = make_user(Role.STAFF)
    db.session.commit()
    order, payment = _buy(client, {products[0]: 2, products[1]: 1}, "va", va_bank="BRI")
    assert payment.expires_at == NOW + timedelta(minutes=90)
    [call] = fake_xendit.posts("/payment_requests")
    assert call.body["payment_method"]["virtual_account"]["channel_properties"][
        "expires_at"].startswith((NOW + timedelta(minutes=90)).isoformat())
    assert [_stock(p) for p in products] == [3, 4]

    clock.freeze(payment.expires_at - timedelta(minutes=1))
    assert "0 unpaid" in _release(app)
    assert fake_xendit.posts("/v2/payment_methods") == []  # not due: Xendit not even asked
    clock.freeze(payment.expires_at)
    assert "1 unpaid" in _release(app)
    assert "0 unpaid" in _release(app)
    method_id = fake_xendit.payment_requests[payment.provider_ref]["payment_method"]["id"]
    assert [r.path for r in fake_xendit.posts("/v2/payment_methods")] == [
        f"/v2/payment_methods/{method_id}/expire"]
    db.session.rollback()
    assert db.session.get(Payment, payment.id).status == PaymentStatus.EXPIRED
    assert [p.status for p in db.session.get(Order, order.id).parts] == [S.CANCELLED] * 2
    assert [_stock(p) for p in products] == [5, 5]
    assert _moves(order.id, S.CANCELLED) == 2

    # money reaches the virtual account anyway: flagged for refund, nothing re-sold
    callback = fake_xendit.pay(payment.provider_ref, send=False)
    assert post_callback(client, callback).get_json()["outcome"] == "changed"
    db.session.rollback()
    assert db.session.get(Payment, payment.id).status == PaymentStatus.NEEDS_REFUND
    assert [_stock(p) for p in products] == [5, 5]
    assert _moves(order.id, S.NEW) == 0
    assert _notes(staff.id) == 1


def test_the_job_asks_xendit_and_routes_a_payment_whose_callback_was_lost(
        app, client, fake_xendit, shop_and_products, make_user):
    clock.freeze(NOW)
    shops, products = shop_and_products
    db.session.commit()
    order, payment = _buy(client, {products[0]: 1}, "qris")
    fake_xendit.pay(payment.provider_ref, send=False)  # paid, but the callback never came
    clock.freeze(payment.expires_at + timedelta(seconds=1))
    assert "1 unpaid" in _release(app)
    db.session.rollback()
    assert db.session.get(Payment, payment.id).status == PaymentStatus.PAID
    assert [p.status for p in db.session.get(Order, order.id).parts] == [S.NEW]
    assert _stock(products[0]) == 4 and _notes(shops[0].owner_id) == 1
    assert fake_xendit.posts("/v2/payment_methods") == []  # a paid request is not expired


def _race(app, fake, payment, pay_delay: float) -> dict:
    """The expiry job and the buyer's payment callback at the same moment."""

    def pay():
        time.sleep(pay_delay)
        callback = fake.pay(payment.provider_ref, send=False)
        return post_callback(app.test_client(), callback).get_json()["outcome"]

    expired, paid = race(app, [release_expired, pay])
    return {"expire": expired, "paid": paid}


@pytest.mark.parametrize("round_", range(6))
def test_expiry_job_racing_a_payment_callback_exactly_one_wins(
        app, client, fake_xendit, shop_and_products, make_user, round_):
    clock.freeze(NOW)
    shops, products = shop_and_products
    staff = make_user(Role.STAFF)
    db.session.commit()
    order, payment = _buy(client, {products[0]: 2, products[1]: 1}, "qris")
    clock.freeze(payment.expires_at + timedelta(seconds=1))
    # the buyer pays at the last second: the callback and the job meet (both orders of
    # arrival are exercised by giving the job a head start in some rounds)
    results = _race(app, fake_xendit, payment, (0.0, 0.05, 0.3)[round_ % 3])
    assert not any(isinstance(r, Exception) for r in results.values()), results

    db.session.rollback()
    status = db.session.get(Payment, payment.id).status
    parts = db.session.get(Order, order.id).parts
    if status == PaymentStatus.PAID:  # the payment won: the sellers got it, once
        # either the callback moved it, or the job heard "paid" from Xendit: never both
        assert results in ({"expire": 0, "paid": "changed"}, {"expire": 1, "paid": "unchanged"})
        assert [p.status for p in parts] == [S.NEW, S.NEW]
        assert [_stock(p) for p in products] == [3, 4]
        assert (_moves(order.id, S.NEW), _moves(order.id, S.CANCELLED)) == (2, 0)
        assert [_notes(s.owner_id) for s in shops] == [1, 1] and _notes(staff.id) == 0
    else:  # the job won: stock back exactly once, the money flagged for refund
        assert status == PaymentStatus.NEEDS_REFUND
        assert results == {"paid": "changed", "expire": 1}
        assert [p.status for p in parts] == [S.CANCELLED, S.CANCELLED]
        assert [_stock(p) for p in products] == [5, 5]
        assert (_moves(order.id, S.NEW), _moves(order.id, S.CANCELLED)) == (0, 2)
        assert [_notes(s.owner_id) for s in shops] == [0, 0] and _notes(staff.id) == 1


@pytest.mark.parametrize("round_", range(3))
def test_the_same_callback_arriving_four_times_at_once_changes_once(
        app, client, fake_xendit, shop_and_products, round_):  # noqa: ARG001
    shops, products = shop_and_products
    db.session.commit()
    order, payment = _buy(client, {products[0]: 1, products[1]: 1}, "ewallet", ewallet="OVO")
    callback = fake_xendit.pay(payment.provider_ref, send=False)
    barrier = threading.Barrier(4)
    outcomes: list[object] = []

    def post():
        try:
            barrier.wait(timeout=10)
            outcomes.append(post_callback(app.test_client(), callback).get_json()["outcome"])
        except Exception as exc:  # noqa: BLE001 - reported by the test
            outcomes.append(exc)

    threads = [threading.Thread(target=post) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(map(str, outcomes)) == ["changed", "duplicate", "duplicate", "duplicate"]
    db.session.rollback()
    assert db.session.get(Payment, payment.id).status == PaymentStatus.PAID
    assert _moves(order.id, S.NEW) == 2
    assert [_notes(s.owner_id) for s in shops] == [1, 1]


def test_xendit_down_during_the_job_keeps_the_order_waiting_until_the_next_run(
        app, client, fake_xendit, shop_and_products, make_payment):
    from storefront.payments.models import PaymentMethod

    clock.freeze(NOW)
    shops, products = shop_and_products
    db.session.commit()
    order, payment = _buy(client, {products[0]: 2}, "qris")
    transfer = make_payment(method=PaymentMethod.BANK_TRANSFER,
                            expires_at=payment.expires_at - timedelta(minutes=5))
    db.session.commit()
    clock.freeze(payment.expires_at)
    fake_xendit.fail_next(10)
    assert "1 unpaid" in _release(app)  # the transfer still expires; the QRIS waits
    db.session.rollback()
    assert db.session.get(Payment, payment.id).status == PaymentStatus.PENDING
    assert db.session.get(Payment, transfer.id).status == PaymentStatus.EXPIRED
    assert _stock(products[0]) == 3
    fake_xendit.recover()
    assert "1 unpaid" in _release(app)
    db.session.rollback()
    assert db.session.get(Payment, payment.id).status == PaymentStatus.EXPIRED
    assert _stock(products[0]) == 5
