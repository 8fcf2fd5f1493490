"""Acceptance 3: unpaid orders placed through checkout release exactly their reserved stock,
once, by ``flask release-expired``, even racing a late "paid" webhook in another session."""
import time
from datetime import timedelta

import pytest
import sqlalchemy as sa

from storefront import clock
from storefront.accounts.models import Role
from storefront.audit.models import AuditEntry
from storefront.domain.order_states import SellerOrderStatus as S
from storefront.domain.payment_states import PaymentStatus
from storefront.extensions import db
from storefront.models import (
    CapacityBooking,
    Notification,
    Order,
    Product,
    SellerOrder,
    SellerOrderEvent,
)
from storefront.payments import services
from storefront.payments.jobs import release_expired
from storefront.payments.models import Payment
from tests.paytools import post_event
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


def _booked(product, day) -> int:
    return db.session.scalar(sa.select(CapacityBooking.booked).where(
        CapacityBooking.product_id == product.id, CapacityBooking.day == day))


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


def test_transfer_past_its_deadline_releases_stock_and_capacity_once_then_late_money_is_flagged(
        app, client, make_shop, make_product, make_user):
    clock.freeze(NOW)
    app.config["TRANSFER_PAYMENT_HOURS"] = 2  # configurable; 24 by default
    shop, other = make_shop(), make_shop()
    sambal = make_product(shop=shop, price=20_000, stock=4)
    kue = make_product(shop=other, price=50_000, made_to_order=True, lead_days=1,
                       daily_capacity=3)
    untouched = make_product(shop=shop, price=10_000, stock=9)
    staff = make_user(Role.STAFF)
    db.session.commit()
    day = clock.today_local() + timedelta(days=2)
    order, payment = _buy(client, {sambal: 3, kue: 2}, "bank_transfer",
                          **{f"date-{other.id}": day.isoformat()})
    assert payment.expires_at == NOW + timedelta(hours=2)
    assert (_stock(sambal), _booked(kue, day)) == (1, 2)
    # someone else buys one meanwhile: that sale is not hers to give back
    client.post("/keranjang/tambah", data={"product_id": str(sambal.id), "quantity": "1"})
    _buy(client, {}, "cash")
    assert _stock(sambal) == 0

    clock.freeze(payment.expires_at - timedelta(minutes=1))
    assert "0 unpaid" in _release(app)
    clock.freeze(payment.expires_at)
    assert "1 unpaid" in _release(app)
    assert "0 unpaid" in _release(app)  # run again: nothing more to release
    db.session.rollback()
    assert db.session.get(Payment, payment.id).status == PaymentStatus.EXPIRED
    assert {p.status for p in db.session.get(Order, order.id).parts} == {S.CANCELLED}
    assert (_stock(sambal), _booked(kue, day), _stock(untouched)) == (3, 0, 9)
    assert _moves(order.id, S.CANCELLED) == 2 and _moves(order.id, S.NEW) == 0
    assert f"/bayar/{payment.token}" not in client.get(f"/pesanan/{order.token}").get_data(
        as_text=True)

    # the buyer's money arrives anyway: staff confirm it, it is flagged, nothing is re-sold
    assert services.confirm_transfer(db.session.get(Payment, payment.id), staff)
    db.session.commit()
    assert db.session.get(Payment, payment.id).status == PaymentStatus.NEEDS_REFUND
    assert (_stock(sambal), _booked(kue, day)) == (3, 0)
    assert {p.status for p in db.session.get(Order, order.id).parts} == {S.CANCELLED}
    assert _notes(staff.id) == 1
    assert _notes(shop.owner_id) == 1 and _notes(other.owner_id) == 0  # only the cash order
    assert db.session.scalar(sa.select(AuditEntry.subject).where(
        AuditEntry.action == "payment.late")) == order.number


def _race(app, event: dict, webhook_delay: float) -> dict:
    """The expiry job and Stripe's late "paid" webhook at the same moment."""

    def webhook():
        time.sleep(webhook_delay)
        return post_event(app.test_client(), event).get_json()["outcome"]

    expired, paid = race(app, [release_expired, webhook])
    return {"expire": expired, "paid": paid}


@pytest.mark.parametrize("round_", range(4))
def test_expiry_job_racing_a_late_paid_webhook_never_double_sells(
        app, client, fake_stripe, make_shop, make_product, make_user, round_):
    clock.freeze(NOW)
    shops = [make_shop(), make_shop()]
    products = [make_product(shop=shops[0], price=30_000, stock=5),
                make_product(shop=shops[1], price=45_000, stock=5)]
    staff = make_user(Role.STAFF)
    db.session.commit()
    order, payment = _buy(client, {products[0]: 2, products[1]: 1}, "card")
    assert [_stock(p) for p in products] == [3, 4]
    # the buyer pays at the last second; Stripe's webhook and our expiry job meet
    session = dict(fake_stripe.sessions[payment.provider_ref], status="complete",
                   payment_status="paid", payment_intent="pi_late")
    event = fake_stripe.event("checkout.session.completed", session)
    clock.freeze(payment.expires_at + timedelta(seconds=1))
    # odd rounds give the job a head start, so both orders of arrival are exercised
    results = _race(app, event, 0.4 if round_ % 2 else 0.0)
    assert not any(isinstance(r, Exception) for r in results.values()), results

    db.session.rollback()
    status = db.session.get(Payment, payment.id).status
    parts = db.session.get(Order, order.id).parts
    if status == PaymentStatus.PAID:  # the webhook won: the sellers got it, once
        assert results == {"paid": "changed", "expire": 0}
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
        assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "payment.late")) == 1


def test_cash_orders_never_expire(app, client, make_product):
    clock.freeze(NOW)
    product = make_product(stock=2)
    db.session.commit()
    order, payment = _buy(client, {product: 1}, "cash")
    assert payment.expires_at is None
    clock.freeze(NOW + timedelta(days=30))
    assert "0 unpaid" in _release(app)
    assert [p.status for p in db.session.get(Order, order.id).parts] == [S.NEW]
    assert _stock(product) == 1


def test_release_expired_is_never_run_by_a_request(app, client, make_product):
    """Opening pages after the deadline changes nothing; only the job releases."""
    clock.freeze(NOW)
    product = make_product(stock=2)
    db.session.commit()
    order, payment = _buy(client, {product: 1}, "bank_transfer")
    clock.freeze(NOW + timedelta(days=2))
    for url in (f"/pesanan/{order.token}", f"/bayar/{payment.token}", "/", "/keranjang/"):
        client.get(url)
    db.session.rollback()
    assert db.session.get(Payment, payment.id).status == PaymentStatus.PENDING
    assert _stock(product) == 1
