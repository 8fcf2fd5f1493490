"""Assisted selling: consent, acting for a seller, the banner, the audit and the limits."""
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from storefront import clock
from storefront.accounts.models import Role
from storefront.assist.models import AssistConsent, ConsentChannel, ConsentImmutable
from storefront.domain.order_states import SellerOrderStatus as S
from storefront.extensions import db
from storefront.models import AuditEntry, Product, SellerOrder

T0 = datetime(2026, 12, 1, 1, 0)


@pytest.fixture
def frozen():
    clock.freeze(T0)
    yield
    clock.freeze(None)


def audits(action_prefix: str = "assist."):
    db.session.expire_all()
    return db.session.scalars(sa.select(AuditEntry).where(
        AuditEntry.action.startswith(action_prefix)).order_by(AuditEntry.id)).all()


def start_acting(client, shop):
    return client.post(f"/staf/dampingi/{shop.id}")


def test_seller_allows_a_mentor_from_her_dashboard_and_revokes(client, login, make_seller,
                                                               make_mentor, frozen):
    shop = make_seller(name="Mama Yuli")
    mentor = make_mentor(name="Kak Rina")
    login(shop.owner)
    page = client.get("/penjual/pendamping/").get_data(as_text=True)
    assert "Kak Rina" in page
    response = client.post("/penjual/pendamping/", data={"mentor_id": mentor.id, "days": 10})
    assert response.status_code == 302
    consent = db.session.scalar(sa.select(AssistConsent))
    assert consent.seller_id == shop.owner_id and consent.mentor_id == mentor.id
    assert consent.channel == ConsentChannel.DASHBOARD
    assert consent.recorded_by_id == shop.owner_id
    assert consent.granted_at == T0 and consent.expires_at == T0 + timedelta(days=10)
    entry = audits()[-1]
    assert entry.action == "assist.consent" and entry.actor_id == shop.owner_id
    assert entry.on_behalf_of_id == shop.owner_id and entry.subject == f"mentor:{mentor.id}"
    assert entry.shop_id == shop.id

    assert client.post(f"/penjual/pendamping/{consent.id}/cabut").status_code == 302
    db.session.expire_all()
    consent = db.session.get(AssistConsent, consent.id)
    assert consent.revoked_at == T0 and consent.revoked_by_id == shop.owner_id
    assert audits()[-1].action == "assist.revoke"


def test_consent_form_refuses_bad_input(client, login, make_seller, make_mentor, make_staff,
                                        make_user):
    shop = make_seller()
    make_mentor()
    not_mentor = make_staff()
    buyer = make_user(Role.BUYER)
    login(shop.owner)
    for data in ({"mentor_id": not_mentor.id, "days": 7}, {"mentor_id": buyer.id, "days": 7},
                 {"mentor_id": "x", "days": 7}, {"mentor_id": 0, "days": 7},
                 {"mentor_id": 99999, "days": 7}):
        response = client.post("/penjual/pendamping/", data=data)
        assert response.status_code == 200 and 'role="alert"' in response.get_data(as_text=True)
    mentor = make_mentor()
    db.session.commit()
    for days in ("0", "91", "-3", "abc", ""):
        response = client.post("/penjual/pendamping/", data={"mentor_id": mentor.id, "days": days})
        assert response.status_code == 200
        assert "hari." in response.get_data(as_text=True)  # "Pilih antara 1 dan 90 hari."
    assert db.session.scalar(sa.select(sa.func.count(AssistConsent.id))) == 0


def test_seller_cannot_revoke_another_sellers_consent(client, login, make_seller, make_mentor,
                                                      make_consent):
    mine, other = make_seller(), make_seller()
    mentor = make_mentor()
    theirs = make_consent(other, mentor)
    login(mine.owner)
    assert client.post(f"/penjual/pendamping/{theirs.id}/cabut").status_code == 404
    db.session.expire_all()
    assert db.session.get(AssistConsent, theirs.id).revoked_at is None


def test_staff_record_consent_given_in_person(client, login, make_seller, make_mentor,
                                              make_staff, frozen):
    shop = make_seller(name="Mama Ina")
    mentor = make_mentor()
    staff = make_staff(name="Pak Budi")
    login(staff)
    assert client.get("/staf/dampingi/").status_code == 200
    response = client.post("/staf/dampingi/catat", data={
        "shop_id": shop.id, "mentor_id": mentor.id, "days": 30, "given_on": "2026-11-28"})
    assert response.status_code == 302
    consent = db.session.scalar(sa.select(AssistConsent))
    assert consent.channel == ConsentChannel.IN_PERSON
    assert consent.recorded_by_id == staff.id and str(consent.given_on) == "2026-11-28"
    assert consent.expires_at == T0 + timedelta(days=30)
    entry = audits()[-1]
    assert entry.actor_id == staff.id and entry.on_behalf_of_id == shop.owner_id
    # a day in the future, a non-mentor, no seller: refused, nothing stored
    for data in ({"shop_id": shop.id, "mentor_id": mentor.id, "days": 3, "given_on": "2027-01-01"},
                 {"shop_id": shop.id, "mentor_id": staff.id, "days": 3, "given_on": "2026-11-28"},
                 {"shop_id": 0, "mentor_id": mentor.id, "days": 3, "given_on": "2026-11-28"}):
        assert client.post("/staf/dampingi/catat", data=data).status_code == 400
    assert db.session.scalar(sa.select(sa.func.count(AssistConsent.id))) == 1
    # a seller cannot reach the staff page
    login(shop.owner)
    assert client.get("/staf/dampingi/").status_code == 403


def test_consent_is_append_only(app, make_seller, make_mentor, make_consent):
    shop = make_seller()
    consent = make_consent(shop, make_mentor())
    db.session.commit()
    consent.expires_at = consent.expires_at + timedelta(days=100)
    with pytest.raises(ConsentImmutable):
        db.session.flush()
    db.session.rollback()
    db.session.delete(db.session.get(AssistConsent, consent.id))
    with pytest.raises(ConsentImmutable):
        db.session.flush()
    db.session.rollback()


def test_mentor_acts_with_banner_and_every_change_is_audited(
        client, login, make_seller, make_mentor, make_product, make_consent, place_order):
    shop = make_seller(name="Mama Yuli")
    product = make_product(shop=shop, stock=5, name="Sambal Lu'at")
    mentor = make_mentor(name="Kak Rina")
    make_consent(shop, mentor)
    order = place_order({product: 1})
    db.session.commit()
    login(mentor)
    assert start_acting(client, shop).status_code == 302
    for path in ("/penjual/", "/penjual/produk", "/penjual/pesanan/", "/penjual/toko"):
        response = client.get(path)
        assert response.status_code == 200, path
        page = response.get_data(as_text=True)
        assert "Mama Yuli" in page and "assist-banner" in page
    part = order.parts[0]
    assert client.post(f"/penjual/produk/{product.id}/stok",
                       data={"stock": 9}).status_code == 302
    assert client.post(f"/penjual/pesanan/{part.id}/langkah",
                       data={"to": "accepted"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(SellerOrder, part.id).status == S.ACCEPTED
    assert db.session.get(Product, product.id).stock == 9
    entries = audits()
    acted = [e for e in entries if e.action.startswith("assist.seller")]
    assert [e.action for e in acted] == ["assist.seller.update_stock", "assist.seller_orders.step"]
    assert acted[0].product_id is None and acted[1].subject == f"/penjual/pesanan/{part.id}/langkah"
    for entry in entries:
        if entry.action == "assist.consent":
            continue
        assert entry.actor_id == mentor.id and entry.on_behalf_of_id == shop.owner_id
        assert entry.shop_id == shop.id
    assert "assist.start" in [e.action for e in entries]
    # stopping ends the banner and the access
    assert client.post("/staf/dampingi/berhenti").status_code == 302
    with client.session_transaction() as session:
        assert "assist_seller_id" not in session
    assert audits()[-1].action == "assist.stop"
    assert client.get("/penjual/").status_code == 403
    assert "assist-banner" not in client.get("/staf/").get_data(as_text=True)
    # the staff audit log names the mentor and the seller's shop on each line
    log = client.get(f"/staf/audit?toko={shop.id}").get_data(as_text=True)
    assert "Kak Rina" in log and "Perubahan oleh pendamping (seller_orders.step)" in log and shop.name in log


def test_no_consent_means_no_acting(client, login, make_seller, make_mentor, make_staff,
                                    make_consent):
    shop, other = make_seller(), make_seller()
    mentor = make_mentor()
    make_consent(other, mentor)  # consent of another seller does not count
    plain_staff = make_staff()
    make_consent(shop, make_mentor())  # consent to another mentor does not count
    db.session.commit()
    login(mentor)
    assert start_acting(client, shop).status_code == 403
    assert client.get("/penjual/").status_code == 403
    assert start_acting(client, db.session.get(type(shop), 99999) or shop).status_code == 403
    assert client.post("/staf/dampingi/99999").status_code == 404
    login(plain_staff)  # staff without the mentor permission: sent back with a message
    response = start_acting(client, shop)
    assert response.status_code == 302 and response.location.endswith("/staf/dampingi/")
    with client.session_transaction() as session:  # a forged session key changes nothing
        session["assist_seller_id"] = shop.owner_id
    assert client.get("/penjual/").status_code == 403
    assert not [e for e in audits() if e.action == "assist.start"]


def test_revoked_consent_is_refused_at_once_mid_session(client, login, make_seller,
                                                        make_mentor, make_consent, make_product):
    shop = make_seller(name="Mama Yuli")
    product = make_product(shop=shop, stock=5)
    mentor = make_mentor()
    consent = make_consent(shop, mentor)
    db.session.commit()
    login(mentor)
    start_acting(client, shop)
    assert client.get("/penjual/").status_code == 200
    from storefront.assist.services import revoke
    revoke(db.session.get(AssistConsent, consent.id), shop.owner)
    db.session.commit()
    assert client.get("/penjual/").status_code == 403
    assert client.post(f"/penjual/produk/{product.id}/stok", data={"stock": 0}).status_code == 403
    db.session.expire_all()
    assert db.session.get(Product, product.id).stock == 5
    with client.session_transaction() as session:
        assert "assist_seller_id" not in session


def test_logging_out_ends_the_help(client, login, make_seller, make_mentor, make_consent):
    shop = make_seller()
    mentor = make_mentor()
    make_consent(shop, mentor)
    db.session.commit()
    login(mentor)
    start_acting(client, shop)
    with client.session_transaction() as session:
        assert session["assist_seller_id"] == shop.owner_id
    client.post("/akun/keluar")
    with client.session_transaction() as session:
        assert "assist_seller_id" not in session


def test_expired_consent_is_refused_at_once_mid_session(client, login, make_seller, make_mentor,
                                                        make_consent, frozen):
    shop = make_seller()
    mentor = make_mentor()
    make_consent(shop, mentor, days=2)
    db.session.commit()
    login(mentor)
    start_acting(client, shop)
    clock.freeze(T0 + timedelta(days=2) - timedelta(seconds=1))
    assert client.get("/penjual/").status_code == 200
    clock.freeze(T0 + timedelta(days=2))
    assert client.get("/penjual/").status_code == 403
    assert "assist-banner" not in client.get("/staf/").get_data(as_text=True)
    assert start_acting(client, shop).status_code == 403


@pytest.mark.parametrize("method,path", [
    ("get", "/penjual/pendapatan/"),
    ("get", "/akun/sandi"),
    ("post", "/akun/sandi"),
    ("get", "/penjual/pendamping/"),
    ("post", "/penjual/pendamping/"),
    ("get", "/staf/pembayaran/toko/{shop}"),
    ("post", "/staf/pembayaran/toko/{shop}/rekening"),
    ("get", "/staf/pembayaran/payouts"),
    ("get", "/staf/penjual/tautan-baru"),
])
def test_forbidden_pages_while_acting(client, login, make_seller, make_mentor, make_consent,
                                      method, path):
    shop = make_seller()
    mentor = make_mentor()
    make_consent(shop, mentor)
    db.session.commit()
    login(mentor)
    start_acting(client, shop)
    url = path.format(shop=shop.id)
    data = {"mentor_id": mentor.id, "days": 90, "bank_name": "BRI", "holder_name": "X",
            "number": "123456789", "current": "rahasia-yang-panjang-123",
            "password": "baru-yang-panjang-456", "confirm": "baru-yang-panjang-456"}
    response = getattr(client, method)(url, data=data) if method == "post" else client.get(url)
    assert response.status_code == 403
    assert db.session.scalar(sa.select(sa.func.count(AssistConsent.id))) == 1


def test_mentor_never_sees_bank_pages_even_when_not_acting(client, login, make_seller,
                                                           make_mentor):
    shop = make_seller()
    mentor = make_mentor()
    login(mentor)
    assert client.get(f"/staf/pembayaran/toko/{shop.id}").status_code == 403
    assert client.get("/staf/pembayaran/payouts").status_code == 200
