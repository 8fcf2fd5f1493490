"""Security headers and cookie flags on every response."""
import re

import pytest

from storefront import create_app
from storefront.extensions import db


def test_csp_and_headers_on_pages(client, make_product):
    product = make_product()
    db.session.commit()
    for path in ["/", f"/produk/{product.slug}", "/cari?q=x", "/akun/masuk", "/tidak-ada"]:
        response = client.get(path)
        csp = response.headers["Content-Security-Policy"]
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, path
        assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp, path
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response.headers["X-Frame-Options"] == "DENY"


def test_pages_carry_no_inline_script_or_style(client, make_product):
    product = make_product()
    db.session.commit()
    for path in ["/", f"/produk/{product.slug}", f"/toko/{product.shop.slug}", "/akun/masuk"]:
        html = client.get(path).get_data(as_text=True)
        assert not re.search(r"\sstyle=", html), path
        assert "<style" not in html, path
        for tag in re.findall(r"<script[^>]*>", html):
            assert 'type="application/ld+json"' in tag or "src=" in tag, (path, tag)
        assert not re.search(r"\son[a-z]+=", html), path


def test_session_cookie_is_httponly_and_lax(client, app):
    app.config["WTF_CSRF_ENABLED"] = True  # the CSRF token is what puts a session in the cookie
    response = client.get("/akun/masuk")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


@pytest.fixture
def production_app(tmp_path, monkeypatch):
    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "p" * 48)
    return create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/p.db",
                       "MEDIA_ROOT": str(tmp_path / "media")})


def test_production_sends_hsts_secure_cookies_and_redirects_to_https(production_app):
    client = production_app.test_client()
    plain = client.get("/akun/masuk")
    assert plain.status_code == 302 and plain.headers["Location"].startswith("https://")
    response = client.get("/akun/masuk", base_url="https://localhost")
    hsts = response.headers["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts and "includeSubDomains" in hsts
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert production_app.config["REMEMBER_COOKIE_SECURE"] is True


def test_readyz_reports_each_check(client, app):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json == {"status": "ready", "checks": {"database": True, "redis": True, "media": True}}
    app.config["REDIS_URL"] = "redis://127.0.0.1:1/0"
    response = client.get("/readyz")
    assert response.status_code == 503 and response.json["checks"]["redis"] is False
