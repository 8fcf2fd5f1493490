"""The money paths of issue 15, each through the real services and pages, on both databases:
a paid part cancelled by its seller, pickup-point handovers and cash, staff refunds and the
ledger, finance-only bank accounts and payouts, and what the buyer's tracking page says."""
import sqlalchemy as sa

from storefront.audit.models import AuditEntry
from storefront.checkout import services as checkout
from storefront.domain.order_states import SellerOrderStatus as S
from storefront.extensions import db
from storefront.hampers.ordering import place_hamper_order
from storefront.ledger import services as ledger
from storefront.ledger.models import LedgerEntry, Payout, SellerBankAccount
from storefront.notifications.models import Notification
from storefront.orders import services as orders
from storefront.orders.models import CashHolder, SellerOrder
from storefront.payments import services as payments
from storefront.payments.models import Payment, PaymentMethod, PaymentRefund
from storefront.pickup import services as pickup
from storefront.refunds import services as refunds
from storefront.refunds.models import ObligationStatus, RefundObligation

BUYER = checkout.Buyer(name="Ibu Ana", phone="+6281311112222")


def _order(products, method=PaymentMethod.BANK_TRANSFER):
    order = checkout.place_order({p.id: (1, p.price) for p in products}, BUYER, {}, method)
    return order, checkout.pay_for(order, "http://localhost/")


def _actions() -> list[str]:
    return list(db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)))


def test_paid_part_cancelled_by_its_seller_is_owed_back_and_staff_see_it(
        client, login, seller, make_product, make_staff):
    product = make_product(shop=seller, price=45_000, stock=5)
    staff = make_staff()
    order, payment = _order([product])
    payments.confirm_transfer(payment, staff)
    db.session.commit()
    part = order.parts[0]
    reply = client.post(f"/penjual/pesanan/{part.id}/batal", data={"reason": "Kompor rusak"})
    assert reply.status_code == 302
    db.session.expire_all()
    owed = db.session.scalars(sa.select(RefundObligation)).one()
    assert (owed.seller_order_id, owed.amount, owed.status) == (part.id, 45_000,
                                                                ObligationStatus.OPEN)
    assert {"order.cancel_by_seller", "refund.owed"} <= set(_actions())
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Notification)
                             .where(Notification.user_id == staff.id)) >= 1
    login(staff)
    queue = client.get("/staf/pengembalian/").get_data(as_text=True)
    assert order.number in queue and "45.000" in queue
    assert client.post(f"/staf/pengembalian/{owed.id}", data={"reference": ""}).status_code == 302
    db.session.expire_all()
    assert db.session.get(RefundObligation, owed.id).status == ObligationStatus.OPEN
    client.post(f"/staf/pengembalian/{owed.id}", data={"reference": "BNTT-77"})
    db.session.expire_all()
    done = db.session.get(RefundObligation, owed.id)
    assert done.status == ObligationStatus.REFUNDED and done.reference == "BNTT-77"
    refund = db.session.scalars(sa.select(PaymentRefund)).one()
    assert refund.manual and refund.amount == 45_000
    assert "refund.sent" in _actions()
    page = client.get(f"/pesanan/{order.token}").get_data(as_text=True)
    assert "45.000" in page
    assert "Rp 0" in page  # the total follows the cancellation


def test_card_obligation_is_refunded_through_stripe(app, fake_stripe, make_order, make_payment,
                                                    make_staff):
    order = make_order(total=60_000, method=PaymentMethod.CARD, status=S.NEW)
    make_payment(order_id=order.id, amount=60_000, method=PaymentMethod.CARD, status="paid",
                 payment_intent_id="pi_fake_1")
    staff = make_staff()
    orders.cancel(order.parts[0], staff, "Stok habis", by_staff=True)
    owed = refunds.obligation_of(order.parts[0].id)
    refunds.settle(owed, staff)
    assert [r.params.get("amount") for r in fake_stripe.posts("/v1/refunds")] == ["6000000"]
    assert db.session.scalars(sa.select(Payment)).one().status == "refunded"


def test_seller_cannot_complete_a_pickup_point_part_without_the_code(
        client, login, make_seller, make_product, make_hamper, make_staff):
    kue = make_product(shop=make_seller(), price=30_000)
    tenun = make_product(shop=make_seller(), price=150_000)
    hamper = make_hamper([(kue, 1, 30_000), (tenun, 1, 150_000)])
    order = place_hamper_order(hamper.id, 1, hamper.price, BUYER)
    part = order.parts[0]
    part.status = S.READY
    db.session.commit()
    login(part.shop.owner)
    inbox = client.get("/penjual/pesanan/").get_data(as_text=True)
    assert 'value="completed"' not in inbox
    client.post(f"/penjual/pesanan/{part.id}/langkah", data={"to": "completed"})
    db.session.expire_all()
    assert db.session.get(SellerOrder, part.id).status == S.READY
    assert db.session.scalar(sa.select(sa.func.count()).select_from(LedgerEntry)) == 0


def test_cash_at_a_pickup_point_is_held_by_the_point_and_settles_the_payment(
        app, make_seller, make_product, make_hamper, make_staff):
    kue = make_product(shop=make_seller(), price=30_000)
    tenun = make_product(shop=make_seller(), price=150_000)
    hamper = make_hamper([(kue, 1, 30_000), (tenun, 1, 150_000)])
    order = place_hamper_order(hamper.id, 1, hamper.price, BUYER)
    payment = checkout.pay_for(order, "http://localhost/")
    staff = make_staff()
    for part in order.parts:
        part.status = S.READY
    for parcel in pickup.parcels_of_order(order.id):
        pickup.receive(parcel, staff)
    point = db.session.get(type(hamper.point), hamper.point_id)
    pickup.hand_over(point, order, pickup.code_of_order(order.id).code, staff)
    db.session.expire_all()
    assert {p.cash_held_by for p in order.parts} == {CashHolder.PICKUP_POINT}
    assert db.session.get(Payment, payment.id).status == "paid"
    kinds = set(db.session.scalars(sa.select(LedgerEntry.kind)))
    assert "payout" not in kinds  # the point holds the cash: the programme owes her the sale


def test_multi_seller_cash_is_paid_only_when_every_live_part_is_collected(
        app, make_seller, make_product):
    first = make_product(shop=make_seller(), price=20_000)
    second = make_product(shop=make_seller(), price=35_000)
    order, payment = _order([first, second], PaymentMethod.CASH)
    one, two = order.parts
    for step in (S.ACCEPTED, S.READY, S.COMPLETED):
        orders.seller_move(one, step, one.shop.owner)
    assert db.session.get(Payment, payment.id).status == "pending"
    assert one.cash_held_by == CashHolder.SELLER
    orders.cancel(two, two.shop.owner, "Habis", by_staff=False)
    paid = db.session.get(Payment, payment.id)
    assert (paid.status, paid.amount) == ("paid", 20_000)
    assert refunds.obligation_of(two.id) is None  # her cash was never taken


def test_staff_refund_of_a_handed_over_order_takes_the_sale_back(
        client, login, make_product, make_staff, app):
    app.config["COMMISSION_RATE"] = "0.05"
    product = make_product(price=100_000)
    staff = make_staff()
    order, payment = _order([product])
    payments.confirm_transfer(payment, staff)
    part = order.parts[0]
    for step in (S.ACCEPTED, S.READY, S.COMPLETED):
        orders.seller_move(part, step, part.shop.owner)
    assert ledger.balance(part.shop_id) == 95_000
    db.session.commit()
    login(staff)
    client.post(f"/staf/pembayaran/{payment.id}/refund", data={"amount": "40000",
                                                              "reason": "rusak"})
    db.session.expire_all()
    assert ledger.balance(part.shop_id) == 57_000  # 60 000 sold, 3 000 commission kept
    client.post(f"/staf/pembayaran/{payment.id}/refund", data={"amount": "60000",
                                                              "reason": "rusak"})
    db.session.expire_all()
    assert ledger.balance(part.shop_id) == 0


def test_bank_accounts_and_payouts_are_finance_only(client, login, make_shop, make_staff,
                                                    make_order, bank_key):
    shop = make_shop()
    ledger.record_sale(shop.id, make_order(shop=shop).parts[0].id, 150_000)
    plain, finance = make_staff(), make_staff(permissions="finance")
    db.session.commit()
    login(plain)
    client.post(f"/staf/pembayaran/toko/{shop.id}/rekening",
                data={"bank_name": "BRI", "holder_name": "Yuli", "number": "123456789"})
    client.post(f"/staf/pembayaran/toko/{shop.id}/payout",
                data={"amount": "1000", "bank_reference": "X-1"})
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SellerBankAccount)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Payout)) == 0
    login(finance)
    client.post(f"/staf/pembayaran/toko/{shop.id}/rekening",
                data={"bank_name": "BRI", "holder_name": "Yuli", "number": "123456789"})
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SellerBankAccount)) == 1
    assert "bank_account.set" in _actions()
    told = db.session.scalars(sa.select(Notification.text)
                              .where(Notification.user_id == shop.owner_id)).all()
    assert any("6789" in text for text in told)


def test_tracking_page_follows_cancellations_and_shows_the_hamper_price(
        client, make_seller, make_product, make_hamper):
    first = make_product(shop=make_seller(), price=20_000)
    second = make_product(shop=make_seller(), price=35_000)
    order, _payment = _order([first, second], PaymentMethod.CASH)
    orders.cancel(order.parts[1], order.parts[1].shop.owner, "Habis", by_staff=False)
    kue = make_product(shop=make_seller(), price=30_000)
    tenun = make_product(shop=make_seller(), price=150_000)
    hamper = make_hamper([(kue, 1, 12_345), (tenun, 1, 67_890)], price=80_235)
    boxed = place_hamper_order(hamper.id, 1, hamper.price, BUYER)
    db.session.commit()
    page = client.get(f"/pesanan/{order.token}").get_data(as_text=True)
    total_line = next(line for line in page.splitlines() if "55.000" in line or "20.000" in line)
    assert '<strong><span class="rp">Rp 20.000</span></strong>' in total_line
    hamper_page = client.get(f"/pesanan/{boxed.token}").get_data(as_text=True)
    assert "80.235" in hamper_page
    assert "12.345" not in hamper_page and "67.890" not in hamper_page

