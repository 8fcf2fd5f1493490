"""Every POST form of the app, sent as a browser would in production.

The app runs in its production config behind a TLS proxy (``X-Forwarded-Proto: https``,
one trusted hop, CSRF on with Flask-WTF's strict Referer check, secure cookies). A walk
per role follows the site's links; on each page it takes every POST form, fetches the page
again for a fresh CSRF token, fills what the page holds, attaches a photo to file inputs
and sends the Referer the page's ``Referrer-Policy`` allows. No form may be refused as
expired (CSRF), and none may answer 500. Pages with a secret in their address
(set-password, /bayar, /tap) are walked too: that is where ``no-referrer`` broke them.
"""
from __future__ import annotations

import io
import logging
from collections import deque
from urllib.parse import urlsplit

import pytest
from werkzeug.exceptions import HTTPException

from storefront import create_app
from storefront.accounts.models import Role, TokenPurpose
from storefront.accounts.services import issue_token
from storefront.domain.listing import ListingStatus
from storefront.extensions import db
from storefront.orders import tap_links
from storefront.payments import services as payments
from storefront.payments.models import PaymentMethod
from tests.factories import PASSWORD
from tests.support import browser

BASE = "https://localhost"
#: what the TLS proxy adds in front of gunicorn (production trusts one hop)
PROXY = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7", "X-Forwarded-Host": "localhost"}
#: addresses not worth a walk: files, images, feeds and the language switch
SKIP = ("/static/", "/media/", "/og/", "/bahasa/", "/feed/", ".pdf", ".png", ".svg", ".csv",
        ".xlsx", ".json", ".xml")
#: POST endpoints whose form must be walked and accepted; more are usually reached
REQUIRED = {
    "accounts.login", "accounts.logout", "accounts.set_password", "accounts.register",
    "accounts.change", "payments.upload_proof", "order_tap.act", "cart.add", "cart.update",
    "checkout.start", "seller.new_product", "seller.edit_product", "seller.profile",
    "seller_orders.step", "onboarding.new_seller", "onboarding.new_link", "privacy.erase",
    "staff_orders.cancel", "staff_payments.confirm", "curation.approve", "curation.suspend",
    "collections_staff.index", "pickup_staff.points", "hampers_staff.compose",
}
#: POST endpoints that no page offers as a form in this walk, with the reason
NOT_A_FORM = {
    "stripe_webhooks.stripe_webhook": "Stripe posts it, signed; no CSRF by design",
}
_apps: dict[str, object] = {}


def production_app(test_app):
    """The production config on the test app's database (built once per database)."""
    uri = test_app.config["SQLALCHEMY_DATABASE_URI"]
    if uri not in _apps:
        _apps[uri] = create_app({
            "APP_ENV": "production", "SECRET_KEY": test_app.config["SECRET_KEY"],
            "SQLALCHEMY_DATABASE_URI": uri, "TRUSTED_PROXY_HOPS": 1,
            "SESSION_COOKIE_SECURE": True, "REMEMBER_COOKIE_SECURE": True,
            "PREFERRED_URL_SCHEME": "https", "PUBLIC_BASE_URL": BASE,
            "MEDIA_ROOT": test_app.config["MEDIA_ROOT"], "REDIS_URL": "", "CACHE_REDIS_URL": "",
            "RATELIMIT_ENABLED": False, "PAYMENT_BANK_ACCOUNT": "0123456789",
            "PAYMENT_METHODS": ("bank_transfer", "cash"),
        })
    prod = _apps[uri]
    assert prod.config["WTF_CSRF_ENABLED"] is not False and prod.config["WTF_CSRF_SSL_STRICT"]
    return prod


class Browser:
    """One person's browser: cookies, the proxy in front, Referer by the page's policy."""

    def __init__(self, prod):
        self.prod = prod
        self.client = prod.test_client()
        self.adapter = prod.url_map.bind("localhost", url_scheme="https")

    def get(self, url: str):
        return self.client.get(self._path(url), headers=PROXY, base_url="http://localhost")

    def submit(self, page_url: str, page, form: browser.Form, extra: dict | None = None):
        data: dict = {}
        for name, value in form.fields:
            data.setdefault(name, []).append(value)
        if form.buttons:
            name, value = form.buttons[0]
            data.setdefault(name, []).append(value)
        for name in form.files:
            data[name] = (io.BytesIO(browser.small_png()), "foto.png")
        data.update(extra or {})
        headers = dict(PROXY)
        sent = browser.referer(page_url, page.headers.get("Referrer-Policy"), form.action)
        if sent:
            headers["Referer"] = sent
        return self.client.post(self._path(form.action), data=data, headers=headers,
                                base_url="http://localhost", content_type="multipart/form-data")

    def endpoint(self, url: str, method: str) -> str | None:
        try:
            return self.adapter.match(urlsplit(url).path, method=method)[0]
        except HTTPException:
            return None

    def login(self, user) -> None:
        page = self.get(f"{BASE}/akun/masuk")
        form = next(f for f in browser.post_forms(page.get_data(as_text=True), f"{BASE}/akun/masuk")
                    if self.endpoint(f.action, "POST") == "accounts.login")
        done = self.submit(f"{BASE}/akun/masuk", page, form,
                           {"login": user.email or user.phone, "password": PASSWORD})
        assert done.status_code == 302, done.status_code

    @staticmethod
    def _path(url: str) -> str:
        parts = urlsplit(url)
        return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.fixture
def world(app, make_seller, make_product, make_staff, make_user, place_order, complete_order,
          make_collection, make_pickup_point, make_hamper):
    shop = make_seller()
    product = make_product(shop=shop, stock=50)
    other = make_product(shop=make_seller(area="Alak"), stock=50)
    make_product(shop=shop, status=ListingStatus.PENDING_REVIEW)
    point = make_pickup_point(shops=[shop])
    make_hamper([(product, 1, product.price), (other, 1, other.price)], point=point)
    make_collection(products=[product])
    staff = make_staff()
    order = place_order({product: 1})
    payment = payments.start_payment(order.id, order.total, PaymentMethod.BANK_TRANSFER,
                                     description=f"Pesanan {order.number}")
    done = complete_order({other: 1})
    invited = make_user(Role.SELLER, phone="+6281234567999", email="", password=None)
    invited.email = None
    raw = issue_token(invited, TokenPurpose.INVITE, staff)
    tap = tap_links.make_token(order.parts[0], "accept")
    db.session.commit()
    secret_pages = [f"{BASE}/akun/atur-sandi/{raw}", f"{BASE}/bayar/{payment.token}",
                    f"{BASE}/tap/{tap}", f"{BASE}/pesanan/{done.token}",
                    f"{BASE}/pesanan/{done.token}/ulasan/{done.parts[0].lines[0].id}"]
    return {
        None: [f"{BASE}/produk/{product.slug}", f"{BASE}/keranjang/", f"{BASE}/pesan/",
               *secret_pages, f"{BASE}/akun/daftar", f"{BASE}/"],
        shop.owner: [f"{BASE}/penjual/", f"{BASE}/penjual/produk/baru", f"{BASE}/akun/sandi"],
        staff: [f"{BASE}/staf/", f"{BASE}/staf/privasi", f"{BASE}/staf/penjual/baru"],
    }


def walk(person: Browser, seeds: list[str], reached: dict, failures: list, limit: int = 120):
    """Visit pages from ``seeds`` along links; send every POST form found, once per shape.
    Logging out is sent last, so the walk goes on as the same person."""
    queue, seen, per_endpoint, sent, last = deque(seeds), set(), {}, set(), []
    while queue and len(seen) < limit:
        url = queue.popleft().split("#")[0]
        endpoint = person.endpoint(url, "GET")
        if (url in seen or urlsplit(url).netloc != "localhost" or endpoint is None
                or any(s in url for s in SKIP) or per_endpoint.get(endpoint, 0) >= 2):
            continue
        seen.add(url)
        per_endpoint[endpoint] = per_endpoint.get(endpoint, 0) + 1
        page = person.get(url)
        if page.status_code != 200 or page.mimetype != "text/html":
            continue
        html = page.get_data(as_text=True)
        for form in browser.post_forms(html, url):
            target = person.endpoint(form.action, "POST")
            shape = (target, tuple(sorted({n for n, _ in form.fields})))
            if target is None or shape in sent:
                continue
            sent.add(shape)
            if target == "accounts.logout":
                last.append((url, target))
            else:
                send(person, url, target, reached, failures)
        queue.extend(browser.links(html, url))
    for url, target in last[:1]:
        send(person, url, target, reached, failures)


def send(person: Browser, url: str, target: str, reached: dict, failures: list) -> None:
    """Open the page again (a fresh token, as in a browser) and send its form to ``target``."""
    page = person.get(url)
    forms = browser.post_forms(page.get_data(as_text=True), url)
    form = next((f for f in forms if person.endpoint(f.action, "POST") == target), None)
    if form is None:
        return
    answer = person.submit(url, page, form)
    if answer.status_code == 400 and "kedaluwarsa" in answer.get_data(as_text=True):
        failures.append((target, url, "refused as expired (CSRF)"))
    elif answer.status_code >= 500:
        failures.append((target, url, answer.status_code))
    else:
        reached.setdefault(target, url)


def test_every_form_works_in_production_over_https(app, world, caplog):
    prod = production_app(app)
    reached: dict[str, str] = {}
    failures: list = []
    caplog.set_level(logging.INFO, logger="storefront.web.errors")
    for user, seeds in world.items():
        person = Browser(prod)
        if user is not None:
            person.login(user)
            reached["accounts.login"] = f"{BASE}/akun/masuk"
        walk(person, seeds, reached, failures)
    assert not failures, failures
    assert "csrf refused" not in caplog.text
    assert set(reached) >= REQUIRED, sorted(REQUIRED - set(reached))
    every_post = {r.endpoint for r in prod.url_map.iter_rules() if "POST" in r.methods}
    assert len(reached) >= 40, sorted(every_post - set(reached) - set(NOT_A_FORM))


def test_a_private_page_keeps_its_address_from_other_sites_but_not_from_us(app, world):
    person = Browser(production_app(app))
    url = world[None][3]  # /akun/atur-sandi/<secret>
    page = person.get(url)
    policy = page.headers["Referrer-Policy"]
    assert browser.referer(url, policy, "https://evil.example/") is None
    assert browser.referer(url, policy, f"{BASE}/akun/atur-sandi/x") == url
    assert page.headers["Cache-Control"] == "no-store"


def test_post_without_referer_over_https_is_still_refused(app, world):
    """The protection stays on: a form sent with no Referer over HTTPS is refused."""
    person = Browser(production_app(app))
    url = world[None][3]
    page = person.get(url)
    form = browser.post_forms(page.get_data(as_text=True), url)[-1]
    form_page = type("Page", (), {"headers": {"Referrer-Policy": "no-referrer"}})()
    answer = person.submit(url, form_page, form, {"password": "sandi-ibu-123",
                                                  "confirm": "sandi-ibu-123"})
    assert answer.status_code == 400 and "kedaluwarsa" in answer.get_data(as_text=True)
