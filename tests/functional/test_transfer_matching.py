"""Manual transfers staff can match: the reference, the unique amount code, the waiting list,
and a pasted bank statement confirmed in one go."""
import pytest
import sqlalchemy as sa

from storefront.accounts.models import Role
from storefront.domain.order_states import SellerOrderStatus as S
from storefront.domain.payment_states import PaymentStatus
from storefront.extensions import db
from storefront.models import Order
from storefront.payments import services
from storefront.payments.models import Payment, PaymentMethod
from tests.functional.test_checkout_payments import buy


@pytest.fixture
def sambal(make_product):
    product = make_product(price=25_000, stock=20)
    db.session.commit()
    return product


def _latest() -> tuple[Order, Payment]:
    db.session.rollback()
    order = db.session.scalar(sa.select(Order).order_by(Order.id.desc()).limit(1))
    return order, db.session.scalar(sa.select(Payment).where(Payment.order_id == order.id))


def test_transfer_page_shows_the_reference_large_to_write_in_the_transfer(client, sambal):
    buy(client, {sambal: 1}, "bank_transfer")
    order, payment = _latest()
    assert payment.unique_code == 0 and payment.amount == 25_000  # off by default
    page = client.get(f"/bayar/{payment.token}").get_data(as_text=True)
    assert f'<p class="pay-ref">{order.number}</p>' in page
    assert "Tulis kode ini di berita transfer" in page


def test_unique_amount_code_is_added_when_switched_on_and_differs_between_waiting_transfers(
        client, app, sambal):
    app.config["TRANSFER_UNIQUE_CODE"] = True
    codes = set()
    for _ in range(5):
        buy(client, {sambal: 1}, "bank_transfer")
        order, payment = _latest()
        assert 1 <= payment.unique_code <= 999
        assert payment.amount == order.total + payment.unique_code == 25_000 + payment.unique_code
        codes.add(payment.unique_code)
    assert len(codes) == 5
    page = client.get(f"/bayar/{payment.token}").get_data(as_text=True)
    assert f"Rp {payment.amount:,}".replace(",", ".") in page
    assert f"Kami menambahkan <span class=\"rp\">Rp {payment.unique_code}</span>" in page
    # a cash order never gets a code
    buy(client, {sambal: 1}, "cash")
    assert _latest()[1].unique_code == 0


def test_staff_list_shows_buyer_exact_amount_reference_and_time(client, login, make_user,
                                                                sambal):
    buy(client, {sambal: 2}, "bank_transfer")
    order, payment = _latest()
    login(make_user(Role.STAFF))
    page = client.get("/staf/pembayaran/").get_data(as_text=True)
    assert "Ibu Maria" in page and "Rp 50.000" in page
    assert f"Kode <strong>{order.number}</strong>" in page
    assert "dipesan" in page and "Cocokkan mutasi rekening" in page


def test_pasted_statement_suggests_matches_and_staff_confirm_them_in_one_go(
        client, login, make_user, sambal, heard):
    orders = []
    for quantity in (1, 2, 2, 3):
        buy(client, {sambal: quantity}, "bank_transfer")
        orders.append(_latest())
    (o1, p1), (o2, p2), (o3, p3), (o4, p4) = orders  # p2 and p3 both wait for Rp 50.000
    statement = "\n".join([
        "Tanggal,Jumlah,Keterangan",
        f"01/12/2026,25.000,TRSF E-BANKING CR {o1.number.replace('-', '')} MARIA",
        "01/12/2026,50.000,TRSF DR SIAPA",  # two transfers wait for this: not guessed
        f"01/12/2026,\"50,000.00\",TRSF {o3.number.lower()}",
        "01/12/2026,75.000,SETORAN",  # only order 4 waits for Rp 75.000
        "02/12/2026,33.333,TRANSFER LAIN",  # matches nothing
    ])
    login(make_user(Role.STAFF))
    page = client.post("/staf/pembayaran/mutasi/", data={"statement": statement})
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    suggested = {p.id for p in (p1, p2, p3, p4) if f'value="{p.id}"' in text}
    assert suggested == {p1.id, p3.id, p4.id}
    assert "33.333" not in text.split("Saran yang cocok")[1].split("<form method=\"post\" class")[0]

    reply = client.post("/staf/pembayaran/mutasi/konfirmasi",
                        data={"payment_id": [str(p1.id), str(p3.id), str(p4.id)]})
    assert reply.status_code == 302
    db.session.rollback()
    status = {p.id: db.session.get(Payment, p.id).status for p in (p1, p2, p3, p4)}
    assert status == {p1.id: PaymentStatus.PAID, p2.id: PaymentStatus.PENDING,
                      p3.id: PaymentStatus.PAID, p4.id: PaymentStatus.PAID}
    assert sorted(heard) == sorted([("paid", o1.id), ("paid", o3.id), ("paid", o4.id)])
    assert [p.status for p in db.session.get(Order, o1.id).parts] == [S.NEW]
    # confirming again (a double click) changes nothing
    client.post("/staf/pembayaran/mutasi/konfirmasi", data={"payment_id": [str(p1.id)]})
    assert len(heard) == 3


@pytest.mark.parametrize("bad", ["²", "٣", "-1", "0", str(2**31), str(2**63), "1e3", " 1", ""])
def test_hostile_ids_are_ignored(client, login, make_user, sambal, bad):
    buy(client, {sambal: 1}, "bank_transfer")
    _order, payment = _latest()
    login(make_user(Role.STAFF))
    reply = client.post("/staf/pembayaran/mutasi/konfirmasi", data={"payment_id": [bad]})
    assert reply.status_code == 302
    db.session.rollback()
    assert db.session.get(Payment, payment.id).status == PaymentStatus.PENDING


def test_only_staff_may_match(client, login, make_user, sambal):
    buy(client, {sambal: 1}, "bank_transfer")
    _order, payment = _latest()
    assert client.get("/staf/pembayaran/mutasi/").status_code in (302, 403)
    login(make_user(Role.BUYER))
    assert client.post("/staf/pembayaran/mutasi/konfirmasi",
                       data={"payment_id": [str(payment.id)]}).status_code in (302, 403)
    db.session.rollback()
    assert db.session.get(Payment, payment.id).status == PaymentStatus.PENDING


def test_a_xendit_payment_cannot_be_confirmed_as_a_transfer(client, login, make_user, make_order,
                                                            fake_xendit):
    make_order(id=91, total=30_000, method=PaymentMethod.QRIS)
    qris = services.start_payment(91, 30_000, PaymentMethod.QRIS, description="x", channel="QRIS")
    db.session.commit()
    login(make_user(Role.STAFF))
    client.post("/staf/pembayaran/mutasi/konfirmasi", data={"payment_id": [str(qris.id)]})
    db.session.rollback()
    assert db.session.get(Payment, qris.id).status == PaymentStatus.PENDING
