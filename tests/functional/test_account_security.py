"""Account hardening: common passwords, login rate limits, fresh sessions, logout everywhere."""
import logging

import pytest
from flask import session

from storefront import create_app
from storefront.accounts.models import Role
from storefront.extensions import db, limiter
from storefront.logs import RedactPersonalData, redact


def test_common_passwords_are_refused_at_registration(client):
    for weak in ["password", "12345678", "Sayangku", "iloveyou", " qwertyuiop "]:
        response = client.post("/akun/daftar", data={
            "name": "Ibu Rina", "phone": "0813 1111 2222", "password": weak, "confirm": weak})
        assert response.status_code == 200, weak
        assert "terlalu mudah ditebak" in response.get_data(as_text=True), weak


def test_a_good_password_is_accepted(client):
    response = client.post("/akun/daftar", data={
        "name": "Ibu Rina", "phone": "0813 1111 2222", "password": "tenun merah rote",
        "confirm": "tenun merah rote"})
    assert response.status_code == 302


@pytest.fixture
def limited_client(app):
    """A client of an app with rate limits on (the test app has them off), on the same database."""
    limited = create_app({**{k: app.config[k] for k in ("SQLALCHEMY_DATABASE_URI", "MEDIA_ROOT")},
                          "TESTING": True, "SECRET_KEY": "limits", "WTF_CSRF_ENABLED": False,
                          "RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": "memory://"})
    yield limited.test_client()
    limiter.enabled = False  # the limiter is shared: leave it off for the other test apps


def _attempt(client, login, ip="10.0.0.1", password="salah-sekali"):
    return client.post("/akun/masuk", data={"login": login, "password": password},
                       environ_base={"REMOTE_ADDR": ip})


def test_twenty_login_attempts_per_minute_per_address(limited_client, make_user):
    db.session.commit()
    codes = [_attempt(limited_client, f"0812000000{n:02d}").status_code for n in range(21)]
    assert codes[:20] == [200] * 20 and codes[20] == 429
    assert "Tunggu satu menit" in _attempt(limited_client, "08120000099").get_data(as_text=True)


def test_a_stranger_cannot_lock_a_seller_out(limited_client, make_seller):
    """5 failed tries on one account from one address block that address for her account;
    her right password from another address still works."""
    shop = make_seller(phone="081255550000")
    db.session.commit()
    forms = ["081255550000", "+6281255550000", "6281255550000", "0812-5555-0000", "081255550000"]
    codes = [_attempt(limited_client, f, ip="10.0.1.1").status_code for f in forms]
    assert codes == [200] * 5
    assert _attempt(limited_client, "081255550000", ip="10.0.1.1").status_code == 429
    mine = _attempt(limited_client, "081255550000", ip="10.0.9.9",
                    password="rahasia-yang-panjang-123")
    assert mine.status_code == 302 and shop.id


def test_account_wide_limit_across_addresses_grows_and_staff_can_clear_it(limited_client, app,
                                                                          make_seller, make_staff):
    shop = make_seller(phone="081255551111")
    db.session.commit()
    codes = [_attempt(limited_client, "081255551111", ip=f"10.0.3.{n}").status_code
             for n in range(11)]
    assert codes[:10] == [200] * 10 and codes[10] == 429  # 10 a minute from all addresses
    right = _attempt(limited_client, "081255551111", ip="10.0.3.200",
                     password="rahasia-yang-panjang-123")
    assert right.status_code == 429
    staff = make_staff()
    db.session.commit()
    assert _attempt(limited_client, staff.email, ip="10.0.4.1",
                    password="rahasia-yang-panjang-123").status_code == 302
    cleared = limited_client.post(f"/staf/toko/{shop.id}/buka-kunci",
                                  environ_base={"REMOTE_ADDR": "10.0.4.1"})
    assert cleared.status_code == 302
    limited_client.post("/akun/keluar", environ_base={"REMOTE_ADDR": "10.0.4.1"})
    again = _attempt(limited_client, "081255551111", ip="10.0.3.201",
                     password="rahasia-yang-panjang-123")
    assert again.status_code == 302


def test_account_limits_grow_in_longer_windows():
    from limits import parse_many

    from storefront.accounts.login_limits import ACCOUNT_LIMITS

    windows = [item.get_expiry() for item in parse_many(ACCOUNT_LIMITS)]
    assert windows == sorted(windows) and len(windows) == 3


def test_login_starts_a_fresh_session_but_keeps_the_cart(client, make_user):
    user = make_user(password="rahasia-yang-panjang-123")
    db.session.commit()
    with client.session_transaction() as planted:
        planted["planted"] = "by someone else"
        planted["cart"] = {"1": 2}
    client.post("/akun/masuk", data={"login": user.email, "password": "rahasia-yang-panjang-123"})
    with client.session_transaction() as after:
        assert "planted" not in after
        assert "_user_id" in after


def test_logout_invalidates_the_old_cookie_and_remember_me(app, client, make_user):
    user = make_user(password="rahasia-yang-panjang-123", role=Role.STAFF)
    db.session.commit()
    client.post("/akun/masuk", data={"login": user.email, "password": "rahasia-yang-panjang-123",
                                     "remember": "y"})
    assert client.get("/staf/").status_code == 200
    stolen = {c.key: c.value for c in client._cookies.values()}
    client.post("/akun/keluar")
    thief = app.test_client()
    for key, value in stolen.items():
        thief.set_cookie(key, value)
    response = thief.get("/staf/")
    assert response.status_code == 302 and "/akun/masuk" in response.headers["Location"]


def test_logs_carry_no_phone_or_email(client, make_user, caplog):
    caplog.set_level(logging.INFO)
    client.post("/akun/masuk", data={"login": "0812 9999 8888", "password": "salah-sekali"})
    client.post("/akun/masuk", data={"login": "ibu.rina@example.test", "password": "salah-sekali"})
    text = caplog.text
    assert "login failed" in text
    assert "9999" not in text and "ibu.rina" not in text


@pytest.mark.parametrize("raw, expected", [
    ("user ibu.rina@example.test failed", "user [email] failed"),
    ("call +62 812-3456-7890 now", "call [phone] now"),
    ("call 081234567890", "call [phone]"),
    ("order PI-2612-0042 total 125000", "order PI-2612-0042 total 125000"),
])
def test_redaction(raw, expected):
    assert redact(raw) == expected


def test_sql_errors_hide_their_parameters(app, make_user):
    import sqlalchemy as sa

    make_user(email="rahasia@example.test")
    with pytest.raises(sa.exc.IntegrityError) as caught:
        make_user(email="rahasia@example.test")
    db.session.rollback()
    text = str(caught.value)
    assert "[parameters:" not in text  # hide_parameters: the values sent are never printed
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed for %s", ("ibu@example.test",),
                               (type(caught.value), caught.value, caught.value.__traceback__))
    RedactPersonalData().filter(record)
    logged = logging.Formatter().format(record)
    assert "rahasia@example.test" not in logged and "ibu@example.test" not in logged
    assert "IntegrityError" in logged


def test_request_context_has_no_session_leak(app):
    with app.test_request_context():
        assert "planted" not in session


def test_checkout_and_uploads_are_rate_limited(limited_client):
    codes = [limited_client.post("/pesan/", data={}, environ_base={"REMOTE_ADDR": "10.0.2.1"}).status_code
             for _ in range(11)]
    assert 429 not in codes[:10] and codes[10] == 429
    codes = [limited_client.post("/bayar/tidak-ada/bukti", data={},
                                 environ_base={"REMOTE_ADDR": "10.0.2.2"}).status_code for _ in range(31)]
    assert 429 not in codes[:30] and codes[30] == 429


def test_rate_limit_counts_go_to_redis_when_configured(monkeypatch, tmp_path):
    from storefront import config

    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/3")
    assert config.load(str(tmp_path))["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/3"
    monkeypatch.delenv("REDIS_URL")
    assert config.load(str(tmp_path))["RATELIMIT_STORAGE_URI"] == "memory://"
