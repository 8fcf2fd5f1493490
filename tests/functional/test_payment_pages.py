"""Staff payment and payout pages, the seller's earnings page, bank accounts: who sees what."""
import pytest
import sqlalchemy as sa

from storefront.accounts.models import Role
from storefront.extensions import db
from storefront.ledger import services as ledger
from storefront.ledger.models import LedgerEntry, Payout, PayoutStatus, SellerBankAccount


@pytest.fixture
def world(app, make_user, make_shop, make_payment, make_order):
    shop = make_shop()
    other = make_shop()
    staff = make_user(Role.STAFF)
    finance = make_user(Role.STAFF, permissions="finance")
    buyer = make_user(Role.BUYER)
    ledger.record_sale(shop.id, make_order(shop=shop).parts[0].id, 150_000)
    ledger.record_sale(other.id, make_order(shop=other).parts[0].id, 99_000)
    payment = make_payment()
    payout = ledger.request_payout(shop.id, 10_000, "REF-1", finance)
    db.session.commit()
    return {"shop": shop, "other": other, "staff": staff, "finance": finance, "buyer": buyer,
            "seller": shop.owner,
            "payment": payment, "payout": payout}


STAFF_GETS = ["/staf/pembayaran/", "/staf/pembayaran/payouts", "/staf/pembayaran/toko/{shop}",
              "/staf/pembayaran/ledger.csv"]
STAFF_POSTS = ["/staf/pembayaran/{payment}/konfirmasi", "/staf/pembayaran/{payment}/tolak",
               "/staf/pembayaran/{payment}/refund", "/staf/pembayaran/toko/{shop}/payout",
               "/staf/pembayaran/toko/{shop}/rekening", "/staf/pembayaran/payouts/{payout}/setujui",
               "/staf/pembayaran/payouts/{payout}/batal"]


def _urls(world, urls):
    return [u.format(shop=world["shop"].id, payment=world["payment"].id,
                     payout=world["payout"].id) for u in urls]


@pytest.mark.parametrize("who", ["anonymous", "buyer", "seller"])
def test_staff_pages_are_closed_to_everyone_else(client, login, world, who):
    if who != "anonymous":
        login(world[who])
    for url in _urls(world, STAFF_GETS):
        reply = client.get(url)
        assert reply.status_code == (302 if who == "anonymous" else 403), url
        if who == "anonymous":
            assert "/akun/masuk" in reply.headers["Location"]
    for url in _urls(world, STAFF_POSTS):
        assert client.post(url).status_code == (302 if who == "anonymous" else 403), url
    assert db.session.scalar(sa.select(sa.func.count()).select_from(LedgerEntry)) == 3


def test_staff_pages_open_for_staff(client, login, world):
    login(world["staff"])
    for url in _urls(world, STAFF_GETS):
        assert client.get(url).status_code == 200, url
    assert client.get("/staf/pembayaran/toko/999999").status_code == 404
    assert client.get("/staf/pembayaran/bukti/999999").status_code == 404
    assert client.post("/staf/pembayaran/999999/konfirmasi").status_code == 404
    assert client.post("/staf/pembayaran/payouts/999999/setujui").status_code == 404


@pytest.mark.parametrize("who", ["anonymous", "buyer", "staff"])
def test_earnings_page_is_for_sellers_only(client, login, world, who):
    if who != "anonymous":
        login(world[who])
    assert client.get("/penjual/pendapatan/").status_code == (302 if who == "anonymous" else 403)


def test_seller_sees_only_her_own_earnings(client, login, world):
    login(world["seller"])
    html = client.get("/penjual/pendapatan/").get_data(as_text=True)
    assert "Rp 140.000" in html          # 150.000 sold, 10.000 paid out
    assert "REF-1" in html
    assert "Rp 99.000" not in html       # the other seller's sale


def test_ledger_csv_has_every_entry_and_filters_by_shop(client, login, world):
    login(world["staff"])
    rows = client.get("/staf/pembayaran/ledger.csv").get_data(as_text=True).strip().splitlines()
    assert rows[0].startswith("id,created_at_utc,shop_id")
    assert len(rows) == 4
    mine = client.get(f"/staf/pembayaran/ledger.csv?shop_id={world['shop'].id}")
    lines = mine.get_data(as_text=True).strip().splitlines()
    assert len(lines) == 3 and all(",99000," not in line for line in lines)
    assert mine.mimetype == "text/csv"


def test_payout_over_limit_via_pages_needs_a_second_staff_member(client, login, world, make_user,
                                                                 app):
    app.config["PAYOUT_APPROVAL_LIMIT"] = 50_000
    second = make_user(Role.STAFF, permissions="finance")
    db.session.commit()
    shop = world["shop"]
    login(world["finance"])
    reply = client.post(f"/staf/pembayaran/toko/{shop.id}/payout",
                        data={"amount": "100000", "bank_reference": "BNTT-9"})
    assert reply.status_code == 302
    payout = db.session.scalars(sa.select(Payout).where(Payout.bank_reference == "BNTT-9")).one()
    assert payout.status == PayoutStatus.AWAITING_APPROVAL
    client.post(f"/staf/pembayaran/payouts/{payout.id}/setujui")
    db.session.rollback()
    assert db.session.get(Payout, payout.id).status == PayoutStatus.AWAITING_APPROVAL
    assert ledger.balance(shop.id) == 140_000
    login(second)
    client.post(f"/staf/pembayaran/payouts/{payout.id}/setujui")
    db.session.rollback()
    assert db.session.get(Payout, payout.id).status == PayoutStatus.COMPLETED
    assert ledger.balance(shop.id) == 40_000


@pytest.mark.parametrize(("data", "status"), [
    ({"amount": "999999999", "bank_reference": "X"}, 400),
    ({"amount": "abc", "bank_reference": "X"}, 400),
    ({"amount": "-5", "bank_reference": "X"}, 400),
    ({"amount": "1000", "bank_reference": ""}, 400),
])
def test_bad_payouts_are_refused_with_a_message(client, login, world, data, status):
    login(world["finance"])
    reply = client.post(f"/staf/pembayaran/toko/{world['shop'].id}/payout", data=data)
    assert reply.status_code == status
    assert 'class="error"' in reply.get_data(as_text=True)
    assert ledger.balance(world["shop"].id) == 140_000


def test_bank_account_encrypted_masked_and_whole_only_for_finance(client, login, world, make_user,
                                                                  bank_key):
    finance = make_user(Role.STAFF)
    finance.permissions = "finance"
    db.session.commit()
    shop = world["shop"]
    login(finance)
    reply = client.post(f"/staf/pembayaran/toko/{shop.id}/rekening",
                        data={"bank_name": "Bank NTT", "holder_name": "Yuliana",
                              "number": "0012 3456 7890"})
    assert reply.status_code == 302
    login(world["staff"])
    stored = db.session.scalars(sa.select(SellerBankAccount)).one()
    raw = db.session.scalar(sa.text("SELECT number_encrypted FROM seller_bank_accounts"))
    assert "001234567890" not in raw and "7890" not in raw
    assert stored.last4 == "7890"
    plain_staff = client.get(f"/staf/pembayaran/toko/{shop.id}").get_data(as_text=True)
    assert "•••• 7890" in plain_staff and "001234567890" not in plain_staff
    login(finance)
    whole = client.get(f"/staf/pembayaran/toko/{shop.id}").get_data(as_text=True)
    assert "001234567890" in whole
    login(world["seller"])
    hers = client.get("/penjual/pendapatan/").get_data(as_text=True)
    assert "•••• 7890" in hers and "001234567890" not in hers


def test_full_number_refused_to_non_finance(world, bank_key):
    account = ledger.set_bank_account(world["shop"].id, "BRI", "Yuli", "123456789",
                                      world["finance"])
    with pytest.raises(ledger.NotFinanceStaff):
        ledger.full_number(account, world["staff"])
    world["staff"].permissions = "mentor, finance"
    assert ledger.full_number(account, world["staff"]) == "123456789"


def test_without_a_key_no_account_is_saved(client, login, world, app):
    app.config["BANK_ACCOUNT_KEY"] = ""
    login(world["finance"])
    reply = client.post(f"/staf/pembayaran/toko/{world['shop'].id}/rekening",
                        data={"bank_name": "BRI", "holder_name": "Yuli", "number": "123456789"},
                        follow_redirects=True)
    assert reply.status_code == 200
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SellerBankAccount)) == 0


def test_bad_account_number_is_refused(client, login, world, bank_key):
    login(world["finance"])
    reply = client.post(f"/staf/pembayaran/toko/{world['shop'].id}/rekening",
                        data={"bank_name": "BRI", "holder_name": "Yuli", "number": "abc"})
    assert reply.status_code == 400
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SellerBankAccount)) == 0


def test_menus_link_to_the_pages(client, login, world):
    login(world["staff"])
    html = client.get("/staf/").get_data(as_text=True)
    assert "/staf/pembayaran/" in html and "/staf/pembayaran/payouts" in html
    login(world["seller"])
    assert "/penjual/pendapatan/" in client.get("/penjual/").get_data(as_text=True)
