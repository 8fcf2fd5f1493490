"""UU PDP: buyers' contact details are purged 90 days after an order ends, erased on request,
and sellers download their own data. Amounts and the ledger never change."""
import json
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from storefront import clock
from storefront.accounts.models import Role, User
from storefront.audit.models import AuditEntry
from storefront.domain.order_states import SellerOrderStatus as S
from storefront.extensions import db
from storefront.ledger.services import balance
from storefront.models import Order
from storefront.orders.services import seller_move
from storefront.privacy.services import NoSuchBuyer, erase_buyer, purge_old_contact_details

T0 = datetime(2026, 12, 1, 3, 0)


def _complete(order):
    for part in order.parts:
        for target in (S.ACCEPTED, S.READY, S.COMPLETED):
            seller_move(part, target, part.shop.owner)  # completing records the sale
    db.session.commit()


@pytest.fixture
def finished_order(make_product, place_order):
    clock.freeze(T0)
    product = make_product(stock=5)
    order = place_order({product: 2}, phone="+6281377770000", email="ibu@example.test",
                        name="Ibu Rina")
    order.address = "Jl. Rahasia 7, Oebobo"
    _complete(order)
    return order


def test_contact_details_go_90_days_after_the_order_ends(app, finished_order, make_product,
                                                         place_order):
    still_open = place_order({make_product(): 1}, phone="+6281377771111")
    db.session.commit()
    shop_id = finished_order.parts[0].shop_id
    before = balance(shop_id)

    clock.freeze(T0 + timedelta(days=89))
    assert purge_old_contact_details() == 0
    clock.freeze(T0 + timedelta(days=91))
    assert purge_old_contact_details() == 1
    db.session.commit()
    db.session.expire_all()
    order = db.session.get(Order, finished_order.id)
    assert (order.buyer_phone, order.buyer_email, order.address) == ("", "", "")
    assert order.buyer_name == "Ibu Rina" and order.total == finished_order.total
    assert order.personal_data_removed_at == T0 + timedelta(days=91)
    assert db.session.get(Order, still_open.id).buyer_phone == "+6281377771111"
    assert balance(shop_id) == before
    assert purge_old_contact_details() == 0  # once is enough


def test_purge_command(app, finished_order):
    clock.freeze(T0 + timedelta(days=100))
    result = app.test_cli_runner().invoke(args=["purge-buyer-data"])
    assert "1 orders" in result.output


def test_staff_erase_a_buyer_on_request_without_breaking_the_ledger(app, finished_order, make_user,
                                                                     make_product, place_order):
    staff = make_user(Role.STAFF)
    buyer = make_user(Role.BUYER, phone="+6281388880000", email="pembeli@example.test")
    mine = place_order({make_product(): 1}, user=buyer, phone="+6281388880000")
    other = place_order({make_product(): 1}, phone="+6281399990000", name="Ibu Lain")
    db.session.commit()
    shop_id = finished_order.parts[0].shop_id
    before = balance(shop_id)

    assert erase_buyer("0813 7777 0000", staff) == 1  # a guest, by her phone number
    assert erase_buyer("pembeli@example.test", staff) == 1  # an account, by her e-mail
    db.session.commit()
    db.session.expire_all()
    for erased in (finished_order, mine):
        order = db.session.get(Order, erased.id)
        assert (order.buyer_name, order.buyer_phone, order.buyer_email, order.address) == (
            "(dihapus)", "", "", "")
        assert order.buyer_id is None
    account = db.session.get(User, buyer.id)
    assert account.email is None and account.phone is None and not account.is_enabled
    assert db.session.get(Order, other.id).buyer_name == "Ibu Lain"
    assert balance(shop_id) == before
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)
                             .where(AuditEntry.action == "buyer.erase")) == 2
    with pytest.raises(NoSuchBuyer):
        erase_buyer("0899 0000 1111", staff)


def test_erase_page_is_for_staff_and_asks_for_confirmation(client, login, make_user, finished_order):
    login(make_user(Role.STAFF))
    page = client.post("/staf/privasi", data={"identifier": "081377770000", "reason": "Permintaan 1 Des"})
    assert "Centang kotak" in page.get_data(as_text=True)
    assert db.session.get(Order, finished_order.id).buyer_phone == "+6281377770000"
    done = client.post("/staf/privasi", data={"identifier": "081377770000", "reason": "Permintaan 1 Des",
                                              "confirm": "y"}, follow_redirects=True)
    assert "1 pesanan" in done.get_data(as_text=True)
    unknown = client.post("/staf/privasi", data={"identifier": "089900001111", "reason": "x", "confirm": "y"})
    assert unknown.status_code == 200 and "Tidak ada pembeli" in unknown.get_data(as_text=True)


def test_seller_downloads_her_own_data_only(client, login, finished_order, make_product):
    shop = finished_order.parts[0].shop
    theirs = make_product(name="Produk Toko Lain")
    db.session.commit()
    login(shop.owner)
    response = client.get("/penjual/data-saya.json")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.data)
    assert data["shop"]["name"] == shop.name and data["account"]["phone"] == shop.owner.phone
    assert [o["number"] for o in data["orders"]] == [finished_order.number]
    assert sum(e["amount"] for e in data["ledger"]) == balance(shop.id)
    text = response.get_data(as_text=True)
    assert theirs.name not in text
    assert "+6281377770000" not in text and "Rahasia 7" not in text and "Ibu Rina" not in text


def test_onboarding_records_who_verified_her(client, login, make_user):
    staff = make_user(Role.STAFF)
    login(staff)
    clock.freeze(T0)
    client.post("/staf/penjual/baru", data={"name": "Mama Ani", "phone": "0812 4444 5555",
                                            "shop_name": "Dapur Mama Ani", "area": "Oebobo",
                                            "story_public": "y"})
    from storefront.shops.models import Shop

    shop = db.session.scalar(sa.select(Shop).where(Shop.name == "Dapur Mama Ani"))
    assert shop.verified_by_id == staff.id and shop.verified_at == T0


FORBIDDEN = ("ktp", "identity", "id_card", "document", "accident", "kecelakaan", "widow", "janda",
             "death", "meninggal", "nik")


def test_no_identity_documents_accident_details_or_widow_label_are_stored(app):
    for table in db.metadata.sorted_tables:
        for column in table.columns:
            words = set(column.name.lower().split("_")) | {table.name.lower()}
            assert not words & set(FORBIDDEN), f"{table.name}.{column.name}"


def test_no_page_calls_a_seller_a_widow():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    texts = [p.read_text() for p in (root / "templates").rglob("*.html")]
    texts.append((root / "storefront/translations/id/LC_MESSAGES/messages.po").read_text())
    for text in texts:
        assert "janda" not in text.lower() and "widow" not in text.lower()
