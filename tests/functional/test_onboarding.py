"""Staff onboard a seller: her account and shop, an audited one-time link shown as text and QR."""
import re

import pytest
import sqlalchemy as sa

from storefront.accounts.models import AccountToken, Role, TokenPurpose, User
from storefront.audit.models import AuditEntry
from storefront.extensions import db
from storefront.shops.models import Shop

NEW_SELLER = {"name": "Mama Ina", "phone": "0812 7777 0001", "shop_name": "Dapur Mama Ina",
              "area": "Maulafa", "story_public": "y"}


def link_in(html: str) -> str:
    return re.search(r'id="set-password-link">([^<]+)<', html).group(1)


@pytest.fixture
def staff(make_user, login):
    user = make_user(Role.STAFF)
    db.session.commit()
    login(user)
    return user


def test_staff_record_a_seller_and_get_a_link_and_qr(client, staff):
    response = client.post("/staf/penjual/baru", data=NEW_SELLER)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    link = link_in(html)
    assert link.startswith("http://localhost/akun/atur-sandi/")
    assert "<svg" in html and 'class="segno"' in html
    assert "style=" not in html and "<script" not in html
    assert "https://wa.me/6281277770001?text=" in html
    seller = db.session.scalar(sa.select(User).where(User.phone == "+6281277770001"))
    assert seller.role == Role.SELLER and seller.password_hash is None
    shop = db.session.scalar(sa.select(Shop).where(Shop.owner_id == seller.id))
    assert (shop.name, shop.area, shop.story_public, shop.slug) == (
        "Dapur Mama Ina", "Maulafa", True, "dapur-mama-ina")
    token = db.session.scalar(sa.select(AccountToken))
    assert token.purpose == TokenPurpose.INVITE and token.created_by_id == staff.id
    entry = db.session.scalar(sa.select(AuditEntry))
    assert (entry.action, entry.actor_id, entry.shop_id) == ("seller.invite", staff.id, shop.id)


def test_bad_phone_and_taken_phone_are_explained(client, staff, make_seller):
    make_seller(phone="081277770002")
    db.session.commit()
    bad = client.post("/staf/penjual/baru", data={**NEW_SELLER, "phone": "abc"})
    assert "Nomor HP ini sepertinya salah" in bad.get_data(as_text=True)
    taken = client.post("/staf/penjual/baru", data={**NEW_SELLER, "phone": "+62 812 7777 0002"})
    assert "sudah punya akun" in taken.get_data(as_text=True)
    unknown_area = client.post("/staf/penjual/baru", data={**NEW_SELLER, "area": "Jakarta"})
    assert unknown_area.status_code == 200
    assert db.session.scalar(sa.select(sa.func.count(Shop.id))) == 1


def test_staff_issue_a_reset_link(client, staff, make_seller):
    shop = make_seller(phone="081277770003")
    db.session.commit()
    form = client.get("/staf/penjual/tautan-baru?telepon=%2B6281277770003").get_data(as_text=True)
    assert 'value="+6281277770003"' in form
    response = client.post("/staf/penjual/tautan-baru", data={"phone": "0812-7777-0003"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "<svg" in html
    token = db.session.scalar(sa.select(AccountToken))
    assert token.purpose == TokenPurpose.RESET and token.user_id == shop.owner_id
    assert db.session.scalar(sa.select(AuditEntry.action)) == "seller.reset_link"
    missing = client.post("/staf/penjual/tautan-baru", data={"phone": "081277779999"})
    assert "Tidak ada penjual dengan nomor ini" in missing.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/staf/penjual/baru", "/staf/penjual/tautan-baru"])
def test_only_staff_onboard(client, login, make_seller, make_user, path):
    assert client.get(path).status_code == 302
    buyer = make_user(Role.BUYER)
    db.session.commit()
    login(buyer)
    assert client.get(path).status_code == 403
    shop = make_seller()
    db.session.commit()
    login(shop.owner)
    assert client.post(path, data=NEW_SELLER).status_code == 403
