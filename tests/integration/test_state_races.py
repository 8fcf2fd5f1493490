"""Every state change has one winner: simultaneous cancels, accept taps, set-password
posts, and a payment racing a seller's cancel, on SQLite and PostgreSQL."""
import pytest
import sqlalchemy as sa

from storefront.accounts import services as accounts
from storefront.accounts.models import Role, TokenPurpose
from storefront.checkout import services as checkout
from storefront.domain.order_states import InvalidTransition, SellerOrderStatus
from storefront.extensions import db
from storefront.models import Product
from storefront.orders import services as orders
from storefront.orders.models import SellerOrder, SellerOrderEvent
from storefront.payments import services as payments
from storefront.payments.models import Payment, PaymentMethod
from storefront.refunds.models import RefundObligation
from tests.factories import PASSWORD
from tests.racing import race

S = SellerOrderStatus


def _events(part_id: int, to: S) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(SellerOrderEvent).where(
        SellerOrderEvent.seller_order_id == part_id, SellerOrderEvent.to_status == to))


def test_ten_simultaneous_cancels_return_the_stock_once(app, make_product, place_order):
    product = make_product(stock=20)
    part = place_order({product: 3}).parts[0]  # cash: already "new" for the seller
    db.session.commit()
    part_id, product_id, seller_id = part.id, product.id, part.shop.owner_id

    def cancel():
        row = db.session.get(SellerOrder, part_id)
        orders.cancel(row, db.session.get(type(part.shop.owner), seller_id), "Bahan habis",
                      by_staff=False)
        return "cancelled"

    results = race(app, [cancel] * 10)
    db.session.expire_all()
    assert results.count("cancelled") == 1, results
    assert all(isinstance(r, InvalidTransition) for r in results if r != "cancelled"), results
    assert db.session.get(Product, product_id).stock == 20
    assert _events(part_id, S.CANCELLED) == 1


def test_ten_simultaneous_accept_taps_give_one_event_and_one_message(app, make_product,
                                                                     place_order, monkeypatch):
    sent = []
    monkeypatch.setattr(orders, "send_mail", lambda *args: sent.append(args))
    product = make_product(stock=20)
    part = place_order({product: 1}, email="ibu@example.test").parts[0]
    db.session.commit()
    part_id, seller_id = part.id, part.shop.owner_id

    def accept():
        row = db.session.get(SellerOrder, part_id)
        orders.seller_move(row, S.ACCEPTED, db.session.get(type(part.shop.owner), seller_id))
        return "accepted"

    results = race(app, [accept] * 10)
    db.session.expire_all()
    assert results.count("accepted") == 1, results
    assert all(isinstance(r, InvalidTransition) for r in results if r != "accepted"), results
    assert _events(part_id, S.ACCEPTED) == 1
    assert len(sent) == 1


def test_eight_simultaneous_uses_of_one_set_password_link(app, make_user):
    seller = make_user(Role.SELLER)
    raw = accounts.issue_token(seller, TokenPurpose.INVITE, None)
    db.session.commit()
    clients = [app.test_client() for _ in range(8)]

    def use(client):
        return lambda: client.post(f"/akun/atur-sandi/{raw}",
                                   data={"password": "sandi-baru-yang-panjang",
                                         "confirm": "sandi-baru-yang-panjang"})

    replies = race(app, [use(c) for c in clients])
    statuses = sorted(r.status_code for r in replies)
    assert statuses == [302] + [410] * 7, statuses
    refused = [r for r in replies if r.status_code == 410]
    assert all("sudah dipakai" in r.get_data(as_text=True) or "already used"
               in r.get_data(as_text=True) for r in refused)


@pytest.mark.parametrize("round_", range(4))
def test_payment_racing_a_seller_cancel_never_strands_the_money(app, make_product, make_user,
                                                                round_):  # noqa: ARG001
    product = make_product(stock=10)
    staff = make_user(Role.STAFF)
    order = checkout.place_order({product.id: (2, product.price)},
                                 checkout.Buyer(name="Ibu", phone="+6281399990000"), {},
                                 PaymentMethod.BANK_TRANSFER)
    payment = checkout.pay_for(order, "http://localhost/")
    part = order.parts[0]
    db.session.commit()
    ids = (payment.id, part.id, staff.id, part.shop.owner_id)
    users = type(staff)

    def pay():
        return payments.confirm_transfer(db.session.get(Payment, ids[0]),
                                         db.session.get(users, ids[2]))

    def cancel():
        orders.cancel(db.session.get(SellerOrder, ids[1]), db.session.get(users, ids[3]),
                      "Bahan habis", by_staff=False)
        return "cancelled"

    results = race(app, [pay, cancel])
    db.session.expire_all()
    assert results[0] is True, results
    status = db.session.get(SellerOrder, ids[1]).status
    owed = db.session.scalars(sa.select(RefundObligation)).all()
    if status == S.CANCELLED:
        assert [(o.seller_order_id, o.amount) for o in owed] == [(ids[1], part.total)]
        assert db.session.get(Product, product.id).stock == 10
    else:
        assert status == S.NEW and owed == []
        assert isinstance(results[1], InvalidTransition)


def test_eight_staff_cancelling_one_paid_part_at_once_never_500(app, client, make_product,
                                                                 make_user):
    """Through the staff page, as eight tabs would: one cancel, one refund obligation, the
    stock back once, and every other tab told it already moved (no 500)."""
    product = make_product(stock=10)
    staff = make_user(Role.STAFF)
    order = checkout.place_order({product.id: (2, product.price)},
                                 checkout.Buyer(name="Ibu", phone="+6281399990000"), {},
                                 PaymentMethod.BANK_TRANSFER)
    payments.confirm_transfer(checkout.pay_for(order, "http://localhost/"), staff)
    part_id = order.parts[0].id
    db.session.commit()
    tabs = [app.test_client() for _ in range(8)]
    for tab in tabs:
        assert tab.post("/akun/masuk", data={"login": staff.email,
                                             "password": PASSWORD}).status_code == 302

    def cancel(tab):
        return lambda: tab.post(f"/staf/pesanan/{part_id}/batal",
                                data={"reason": "Penjual sakit"}).status_code

    codes = race(app, [cancel(tab) for tab in tabs])
    db.session.expire_all()
    assert all(code in (302, 303, 409) for code in codes), codes
    assert db.session.get(SellerOrder, part_id).status == S.CANCELLED
    assert _events(part_id, S.CANCELLED) == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(RefundObligation)) == 1
    assert db.session.get(Product, product.id).stock == 10
