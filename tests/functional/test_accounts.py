"""Accounts: login by phone or e-mail, buyer registration, password change, remember me,
and the one-time invitation and reset links (expiry, reuse, replacement)."""
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from storefront import clock
from storefront.accounts.models import AccountToken, Role, TokenPurpose, User
from storefront.accounts.services import hash_token, issue_token
from storefront.extensions import db
from tests.factories import PASSWORD

T0 = datetime(2026, 11, 1, 9, 0)


def _html(response) -> str:
    return response.get_data(as_text=True)


@pytest.mark.parametrize("typed", ["0812 3456 7001", "+62 812-3456-7001", "6281234567001"])
def test_login_with_any_form_of_the_phone(client, make_seller, typed):
    make_seller(phone="081234567001")
    db.session.commit()
    response = client.post("/akun/masuk", data={"login": typed, "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/penjual/")


def test_wrong_password_is_refused_in_indonesian(client, make_seller):
    make_seller(phone="081234567002")
    db.session.commit()
    response = client.post("/akun/masuk", data={"login": "081234567002", "password": "salah-sekali"})
    assert response.status_code == 200
    assert "Nomor HP, e-mail atau kata sandi salah" in _html(response)
    assert client.get("/penjual/").status_code == 302


def test_wrong_password_in_english(client, make_seller):
    make_seller(phone="081234567003")
    db.session.commit()
    response = client.post("/akun/masuk", data={"login": "081234567003", "password": "nope-nope"},
                           headers={"Accept-Language": "en"})
    assert "The phone number, e-mail or password is wrong" in _html(response)


def test_bad_phone_format_at_login_says_how_to_write_it(client):
    response = client.post("/akun/masuk", data={"login": "12-abc", "password": "x" * 10})
    assert response.status_code == 200
    assert "Nomor HP ini sepertinya salah" in _html(response)


def test_remember_me_sets_a_long_cookie(client, make_user):
    user = make_user(Role.BUYER)
    db.session.commit()
    plain = client.post("/akun/masuk", data={"login": user.email, "password": PASSWORD})
    assert "remember_token" not in plain.headers.get("Set-Cookie", "")
    client.post("/akun/keluar")
    remembered = client.post("/akun/masuk", data={"login": user.email, "password": PASSWORD,
                                                  "remember": "y"})
    cookies = " ".join(remembered.headers.getlist("Set-Cookie"))
    assert "remember_token=" in cookies


def test_logout_ends_the_session(client, login, make_seller):
    shop = make_seller()
    db.session.commit()
    login(shop.owner)
    assert client.get("/penjual/").status_code == 200
    assert client.post("/akun/keluar").status_code == 302
    assert client.get("/penjual/").status_code == 302


def test_buyer_registers_and_is_logged_in(client):
    response = client.post("/akun/daftar", data={
        "name": "Ibu Pembeli", "phone": "0813 9999 0001", "email": "",
        "password": "kata-sandi-baru", "confirm": "kata-sandi-baru"})
    assert response.status_code == 302
    user = db.session.scalar(sa.select(User).where(User.phone == "+6281399990001"))
    assert user.role == Role.BUYER and user.check_password("kata-sandi-baru")
    assert client.get("/akun/sandi").status_code == 200  # logged in


def test_registration_refuses_bad_phone_duplicates_and_mismatch(client, make_user):
    make_user(Role.BUYER, phone="+6281399990002")
    db.session.commit()
    bad = client.post("/akun/daftar", data={"name": "A", "phone": "12345", "password": "abcdefgh1",
                                            "confirm": "abcdefgh1"})
    assert "Nomor HP ini sepertinya salah" in _html(bad)
    taken = client.post("/akun/daftar", data={"name": "A", "phone": "081399990002",
                                              "password": "abcdefgh1", "confirm": "abcdefgh1"})
    assert "Sudah ada akun dengan data ini" in _html(taken)
    mismatch = client.post("/akun/daftar", data={"name": "A", "phone": "081399990003",
                                                 "password": "abcdefgh1", "confirm": "abcdefgh2"})
    assert "Kedua kata sandi tidak sama" in _html(mismatch)
    short = client.post("/akun/daftar", data={"name": "A", "phone": "081399990003",
                                              "password": "abc", "confirm": "abc"})
    assert "minimal 8" in _html(short)
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 1


def test_a_seller_cannot_register_herself(client):
    client.post("/akun/daftar", data={"name": "A", "phone": "081399990004",
                                      "password": "abcdefgh1", "confirm": "abcdefgh1"})
    user = db.session.scalar(sa.select(User).where(User.phone == "+6281399990004"))
    assert user.role == Role.BUYER


def test_password_change_needs_the_current_one_and_ends_other_sessions(app, client, login, make_seller):
    shop = make_seller(phone="081234567010")
    db.session.commit()
    other = app.test_client()
    other.post("/akun/masuk", data={"login": "081234567010", "password": PASSWORD})
    assert other.get("/penjual/").status_code == 200
    login(shop.owner)
    wrong = client.post("/akun/sandi", data={"current": "bukan-ini", "password": "sandi-baru-123",
                                             "confirm": "sandi-baru-123"})
    assert "Kata sandi sekarang salah" in _html(wrong)
    ok = client.post("/akun/sandi", data={"current": PASSWORD, "password": "sandi-baru-123",
                                          "confirm": "sandi-baru-123"})
    assert ok.status_code == 302
    assert client.get("/penjual/").status_code == 200  # this phone stays logged in
    assert other.get("/penjual/").status_code == 302  # the other phone is logged out
    db.session.expire_all()
    assert db.session.get(User, shop.owner_id).check_password("sandi-baru-123")


def _invited(make_user, staff=None) -> tuple[User, str]:
    seller = make_user(Role.SELLER, phone="+6281234567020", email="", password=None)
    seller.email = None
    raw = issue_token(seller, TokenPurpose.INVITE, staff)
    db.session.commit()
    return seller, raw


def test_only_a_hash_of_the_link_is_stored(make_user):
    seller, raw = _invited(make_user)
    token = db.session.scalar(sa.select(AccountToken))
    assert token.token_hash == hash_token(raw) and raw not in token.token_hash
    assert len(raw) >= 40


def test_invitation_sets_the_password_once(client, make_user):
    clock.freeze(T0)
    seller, raw = _invited(make_user)
    page = client.get(f"/akun/atur-sandi/{raw}")
    assert page.status_code == 200 and seller.name in _html(page)
    assert page.headers["Referrer-Policy"] == "same-origin"
    assert page.headers["Cache-Control"] == "no-store"
    done = client.post(f"/akun/atur-sandi/{raw}", data={"password": "sandi-ibu-123",
                                                        "confirm": "sandi-ibu-123"})
    assert done.status_code == 302 and done.headers["Location"].endswith("/penjual/")
    db.session.expire_all()
    assert db.session.get(User, seller.id).check_password("sandi-ibu-123")
    client.post("/akun/keluar")
    again = client.get(f"/akun/atur-sandi/{raw}")
    assert again.status_code == 410
    assert "Tautan ini sudah dipakai" in _html(again)
    reuse = client.post(f"/akun/atur-sandi/{raw}", data={"password": "penyusup-123",
                                                         "confirm": "penyusup-123"})
    assert reuse.status_code == 410
    db.session.expire_all()
    assert db.session.get(User, seller.id).check_password("sandi-ibu-123")


def test_invitation_expires_after_seven_days(client, make_user):
    clock.freeze(T0)
    seller, raw = _invited(make_user)
    clock.freeze(T0 + timedelta(days=7) - timedelta(minutes=1))
    assert client.get(f"/akun/atur-sandi/{raw}").status_code == 200
    clock.freeze(T0 + timedelta(days=7))
    expired = client.post(f"/akun/atur-sandi/{raw}", data={"password": "sandi-ibu-123",
                                                           "confirm": "sandi-ibu-123"})
    assert expired.status_code == 410
    assert "Tautan ini sudah kedaluwarsa" in _html(expired)
    db.session.expire_all()
    assert db.session.get(User, seller.id).password_hash is None


def test_unknown_link_is_404_with_a_message(client):
    response = client.get("/akun/atur-sandi/not-a-real-token")
    assert response.status_code == 404
    assert "Tautan ini tidak berlaku" in _html(response)


def test_a_new_reset_link_replaces_the_old_one(client, make_seller, make_user):
    clock.freeze(T0)
    staff = make_user(Role.STAFF)
    shop = make_seller(phone="081234567030")
    first = issue_token(shop.owner, TokenPurpose.RESET, staff)
    second = issue_token(shop.owner, TokenPurpose.RESET, staff)
    db.session.commit()
    old = client.get(f"/akun/atur-sandi/{first}")
    assert old.status_code == 410 and "tautan yang lebih baru" in _html(old)
    new = client.post(f"/akun/atur-sandi/{second}", data={"password": "lupa-lagi-123",
                                                          "confirm": "lupa-lagi-123"})
    assert new.status_code == 302
    client.post("/akun/keluar")
    assert client.post("/akun/masuk", data={"login": "081234567030",
                                            "password": "lupa-lagi-123"}).status_code == 302
    assert client.post("/akun/keluar").status_code == 302
    assert client.post("/akun/masuk", data={"login": "081234567030",
                                            "password": PASSWORD}).status_code == 200


def test_set_password_form_errors_keep_the_link_usable(client, make_user):
    seller, raw = _invited(make_user)
    short = client.post(f"/akun/atur-sandi/{raw}", data={"password": "abc", "confirm": "abc"})
    assert short.status_code == 200 and "minimal 8" in _html(short)
    assert client.get(f"/akun/atur-sandi/{raw}").status_code == 200


def test_link_and_phone_messages_in_english(client, make_user):
    clock.freeze(T0)
    seller, raw = _invited(make_user)
    clock.freeze(T0 + timedelta(days=8))
    english = {"Accept-Language": "en"}
    expired = client.get(f"/akun/atur-sandi/{raw}", headers=english)
    assert "This link has expired" in _html(expired)
    bad_phone = client.post("/akun/masuk", data={"login": "0812-abc", "password": "whatever1"},
                            headers=english)
    assert "This phone number does not look right" in _html(bad_phone)
