"""Anonymous catalog pages set no cookie, say a shared cache may keep them, and are kept
whole in real Redis, keyed by the catalog version and the language; nothing personal is
ever stored, and a visitor with a session never gets a stored page."""
from __future__ import annotations

import secrets

import pytest
from redis import Redis

from storefront.catalog.models import Product
from storefront.extensions import db
from storefront.reach.models import ShopVisit
from storefront.web import fragments, page_cache
from storefront.web.http_cache import SHARED_MAX_AGE
from tests.conftest import TEST_REDIS_URL, redis_or_skip


class Pages:
    """The Redis behind the page cache, with this test's own key prefix."""

    def __init__(self, redis: Redis, prefix: str):
        self.redis, self.prefix = redis, prefix

    def stored(self) -> list[bytes]:
        return list(self.redis.scan_iter(self.prefix + "page:*"))

    def bodies(self) -> list[bytes]:
        return [self.redis.get(key) for key in self.stored()]


def _bind(app, url: str, prefix: str) -> None:
    app.config.update(CACHE_REDIS_URL=url, CACHE_KEY_PREFIX=prefix)
    fragments.init_app(app)


@pytest.fixture
def pages(app):
    redis = redis_or_skip(TEST_REDIS_URL)
    prefix = f"test-{secrets.token_hex(4)}:"
    _bind(app, TEST_REDIS_URL, prefix)
    yield Pages(redis, prefix)
    _bind(app, "", "pasar-ibu:")
    for key in redis.scan_iter(prefix + "*"):
        redis.delete(key)


@pytest.fixture
def catalog(make_product, make_shop, make_collection):
    """One shop with two products, one in a collection; the public URL of every page kind."""
    shop = make_shop(name="Dapur Mama Yuli")
    cake = make_product(shop=shop, name="Kue Lapis Legit", featured=True)
    make_product(shop=shop, name="Sambal Lu'at")
    collection = make_collection(slug="hadiah-hari-ibu", products=[cake])
    db.session.commit()
    return {"home": "/", "category": f"/kategori/{cake.category.slug}",
            "product": f"/produk/{cake.slug}", "shop": f"/toko/{shop.slug}",
            "collection": f"/koleksi/{collection.slug}", "hari ibu": "/hari-ibu",
            "search": "/cari?q=kue", "search, page 2": "/cari?q=kue&page=2"}


def _shared_cache_headers(response) -> None:
    cache_control = response.cache_control
    assert cache_control.public and cache_control.s_maxage == SHARED_MAX_AGE
    assert cache_control.max_age == 0 and not cache_control.private
    # compressed or not, a shared cache keeps one copy per language; never one per cookie
    assert response.headers["Vary"] == "Accept-Language, Accept-Encoding"
    assert "Set-Cookie" not in response.headers


@pytest.mark.parametrize("with_redis", [False, True], ids=["no cache", "page cache"])
def test_anonymous_pages_set_no_cookie_and_a_shared_cache_may_keep_them(request, app, catalog,
                                                                        with_redis):
    if with_redis:
        request.getfixturevalue("pages")
    for name, path in catalog.items():
        for _ in range(2):  # the stored copy and the copy served from the cache alike
            response = app.test_client().get(path)
            assert response.status_code == 200, name
            _shared_cache_headers(response)


def test_a_repeat_anonymous_visit_runs_no_query(client, pages, catalog, count_queries):
    for name, path in catalog.items():
        with count_queries() as first:
            stored = client.get(path)
        with count_queries() as again:
            served = client.get(path)
        assert stored.headers[page_cache.STATUS_HEADER] == "miss", name
        assert served.headers[page_cache.STATUS_HEADER] == "hit", name
        assert served.data == stored.data and first() >= 1 and again() == 0, name
    assert len(pages.stored()) == len(catalog)


def test_the_page_cache_holds_nothing_personal(app, client, pages, catalog, make_user, login):
    login(make_user(name="Ibu Rosalina"))
    for path in catalog.values():
        page = client.get(path)
        assert 'action="/akun/keluar"' in page.get_data(as_text=True)  # her own header
        assert "private" in page.headers["Cache-Control"]
    assert pages.stored() == []
    guest = app.test_client()
    product_id = db.session.query(Product.id).filter_by(name="Kue Lapis Legit").scalar()
    guest.post("/keranjang/tambah", data={"product_id": product_id, "quantity": 1})
    assert guest.get(catalog["home"]).cache_control.private  # her cart is in her session
    assert pages.stored() == []
    for path in catalog.values():
        app.test_client().get(path)
    assert len(pages.stored()) == len(catalog)
    for body in pages.bodies():
        assert b"</html>" in body
        assert b"/akun/keluar" not in body and b"Rosalina" not in body
        assert b"csrf_token" not in body and b"/akun/pesanan" not in body
    # and a visitor with a session never gets a stored page
    assert 'action="/akun/keluar"' in client.get(catalog["home"]).get_data(as_text=True)


def test_the_page_changes_with_the_catalog_version(app, pages, catalog):
    anonymous = app.test_client()
    assert "Kue Lapis Legit" in anonymous.get(catalog["product"]).get_data(as_text=True)
    versions_before = {key.split(b":")[2] for key in pages.stored()}
    cake = db.session.query(Product).filter_by(name="Kue Lapis Legit").one()
    cake.name = "Kue Lapis Surabaya"
    db.session.commit()
    page = anonymous.get(catalog["product"])
    assert page.headers[page_cache.STATUS_HEADER] == "miss"
    assert "Kue Lapis Surabaya" in page.get_data(as_text=True)
    assert {key.split(b":")[2] for key in pages.stored()} - versions_before


def test_each_language_has_its_own_page(app, pages, catalog):
    indonesian = app.test_client().get("/", headers={"Accept-Language": "id"})
    english = app.test_client().get("/", headers={"Accept-Language": "en"})
    switched = app.test_client()
    switched.set_cookie("lang", "en", domain="localhost")
    by_cookie = switched.get("/", headers={"Accept-Language": "id"})
    assert "Pilihan staf" in indonesian.get_data(as_text=True)
    assert "Staff picks" in english.get_data(as_text=True)
    assert by_cookie.headers[page_cache.STATUS_HEADER] == "hit" and by_cookie.data == english.data
    assert len(pages.stored()) == 2


def test_a_tagged_link_always_reaches_the_view_and_is_counted(app, pages, catalog):
    for _ in range(3):
        response = app.test_client().get(catalog["shop"] + "?src=poster")
        assert page_cache.STATUS_HEADER not in response.headers
    assert db.session.query(db.func.sum(ShopVisit.count)).scalar() == 3


def test_made_up_query_arguments_are_not_stored(app, pages, catalog):
    for n in range(3):
        response = app.test_client().get(f"/?x={n}")
        assert response.status_code == 200 and page_cache.STATUS_HEADER not in response.headers
    assert pages.stored() == []


def test_a_first_add_to_cart_needs_no_token_but_a_page_of_this_site(app, catalog):
    app.config["WTF_CSRF_ENABLED"] = True
    product_id = db.session.query(Product.id).filter_by(name="Kue Lapis Legit").scalar()
    form = {"product_id": product_id, "quantity": 1}
    forged = app.test_client().post("/keranjang/tambah", data=form,
                                    headers={"Origin": "https://evil.example"})
    assert forged.status_code == 400
    fetched = app.test_client().post("/keranjang/tambah", data=form,
                                     headers={"Sec-Fetch-Site": "cross-site"})
    assert fetched.status_code == 400
    buyer = app.test_client()
    added = buyer.post("/keranjang/tambah", data=form, headers={"Origin": "http://localhost",
                                                                "Sec-Fetch-Site": "same-origin"})
    assert added.status_code == 302 and "Set-Cookie" in added.headers
    over_https = app.test_client()
    assert over_https.post("/keranjang/tambah", data=form, base_url="https://localhost",
                           headers={"Referer": "https://evil.example/"}).status_code == 400
    assert over_https.post("/keranjang/tambah", data=form, base_url="https://localhost",
                           headers={"Origin": "https://localhost"}).status_code == 302
    # now she has a session: the next add must carry her token, as every other form does
    assert buyer.post("/keranjang/tambah", data=form).status_code == 400
    page = buyer.get(catalog["product"]).get_data(as_text=True)
    assert 'name="csrf_token"' in page
