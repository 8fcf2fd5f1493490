"""The home page's listings are cached in real Redis, and every change a listing shows
appears on the very next request: services, plain ORM changes and bulk statements alike.

Stock moves at checkout keep the cache unless a product sells out or comes back.
"""
from __future__ import annotations

import secrets
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa
from redis import Redis

from storefront import clock
from storefront.catalog import services as catalog_services
from storefront.catalog.models import Category, Product
from storefront.curation import services as curation
from storefront.domain.listing import ListingStatus
from storefront.extensions import db
from storefront.orders import services as order_services
from storefront.shops import services as shop_services
from storefront.web import fragments
from tests.conftest import TEST_REDIS_URL, redis_or_skip


class CacheProbe:
    """The Redis behind the cache, with this test's own key prefix."""

    def __init__(self, redis: Redis, prefix: str):
        self.redis = redis
        self.prefix = prefix

    def version(self) -> int:
        return int(self.redis.get(self.prefix + fragments.CATALOG_VERSION_KEY) or 0)

    def fragments(self) -> list[bytes]:
        return list(self.redis.scan_iter(self.prefix + "fragment:*"))


def _bind(app, url: str, prefix: str = "pasar-ibu:") -> None:
    app.config.update(CACHE_REDIS_URL=url, CACHE_KEY_PREFIX=prefix)
    fragments.init_app(app)


@pytest.fixture
def cached(app):
    redis = redis_or_skip(TEST_REDIS_URL)
    prefix = f"test-{secrets.token_hex(4)}:"
    _bind(app, TEST_REDIS_URL, prefix)
    yield CacheProbe(redis, prefix)
    _bind(app, "")
    for key in redis.scan_iter(prefix + "*"):
        redis.delete(key)


@pytest.fixture
def shelf(make_product, make_shop):
    """Two approved products in one shop, committed."""
    shop = make_shop(name="Dapur Mama Yuli")
    first = make_product(shop=shop, name="Kue Lapis Legit", featured=True)
    second = make_product(shop=shop, name="Sambal Lu'at")
    db.session.commit()
    return first, second


def home(client, lang: str = "id") -> str:
    client.set_cookie("lang", lang, domain="localhost")
    response = client.get("/")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_a_repeat_visit_is_built_from_the_cache_with_no_catalog_queries(client, cached, shelf,
                                                                         count_queries):
    with count_queries() as first:
        page = home(client)
    with count_queries() as again:
        assert home(client) == page
    assert "Kue Lapis Legit" in page
    assert first() >= 4  # featured, newest with photos, categories, collections
    assert again() == 0
    assert len(cached.fragments()) == 1


def test_without_redis_nothing_is_cached(client, shelf, count_queries):
    home(client)
    with count_queries() as again:
        home(client)
    assert again() >= 4


def test_each_language_has_its_own_fragment(client, cached, shelf):
    assert "Pilihan staf" in home(client, "id")
    english = home(client, "en")
    assert "Staff picks" in english and "Pilihan staf" not in english
    assert len(cached.fragments()) == 2


def test_the_shared_fragment_holds_nothing_of_the_visitor(client, cached, shelf, make_user, login):
    login(make_user())
    assert 'action="/akun/keluar"' in home(client)  # her header: log out, my orders
    client.post("/akun/keluar")
    anonymous = home(client)
    assert "Kue Lapis Legit" in anonymous and 'action="/akun/keluar"' not in anonymous
    assert "/akun/pesanan" not in anonymous
    assert all(b"/akun/" not in cached.redis.get(key) for key in cached.fragments())


def _rename_product(first, _second, _staff):
    first.name = "Kue Cucur Baru"
    return "Kue Cucur Baru", True


def _approve_new_product(first, _second, staff):
    product = Product(shop_id=first.shop_id, category_id=first.category_id, slug="se-i-sapi",
                      name="Se'i Sapi Asap", description="Asap kayu kosambi.", price=90000,
                      stock=4, status=ListingStatus.PENDING_REVIEW, pirt_number="2065371020456-23",
                      shelf_life_days=5)
    product.halal_status = first.halal_status
    db.session.add(product)
    db.session.flush()
    curation.approve(staff, product.id, product.revision)
    return "Se&#39;i Sapi Asap", True


def _archive_product(_first, second, _staff):
    catalog_services.archive_product(second)
    return "Sambal Lu&#39;at", False


def _suspend_shop(first, _second, staff):
    curation.suspend(staff, first.shop, "Label PIRT perlu diperiksa.")
    return "Kue Lapis Legit", False


def _rename_shop(first, _second, _staff):
    shop = first.shop
    shop_services.update_profile(shop, name="Dapur Oma Sere", story=shop.story or "", area=shop.area,
                                 whatsapp=shop.whatsapp, pickup_address=shop.pickup_address or "",
                                 on_holiday=False)
    return "Dapur Oma Sere", True


def _unfeature(first, _second, staff):
    curation.set_featured(staff, first, False)
    return "Pilihan staf", False


def _rename_category(first, _second, _staff):
    db.session.get(Category, first.category_id).name_id = "Jajanan Pasar"
    return "Jajanan Pasar", True


def _bulk_price_change(_first, _second, _staff):
    db.session.execute(sa.update(Product).values(price=31000))
    return "Rp 31.000", True


def _new_collection(first, _second, _staff, make_collection):
    make_collection(name="Oleh-oleh Kupang", products=[first])
    return "Oleh-oleh Kupang", True


CHANGES = [_rename_product, _approve_new_product, _archive_product, _suspend_shop, _rename_shop,
           _unfeature, _rename_category, _bulk_price_change, _new_collection]


@pytest.mark.parametrize("change", CHANGES, ids=lambda f: f.__name__.strip("_"))
def test_a_committed_change_shows_on_the_next_request(client, cached, shelf, make_staff,
                                                      make_collection, change):
    staff = make_staff()
    db.session.commit()
    before = home(client)
    version = cached.version()
    extra = (make_collection,) if change is _new_collection else ()
    text, present = change(*shelf, staff, *extra)
    assert (text in before) is not present, "the change must be visible on the page"
    db.session.commit()
    assert cached.version() == version + 1
    assert (text in home(client)) is present


def test_a_rolled_back_change_keeps_the_cache(client, cached, shelf):
    home(client)
    version = cached.version()
    shelf[0].name = "Tidak Jadi"
    db.session.flush()
    db.session.rollback()
    assert cached.version() == version
    assert "Tidak Jadi" not in home(client)


def test_sales_keep_the_cache_until_a_product_sells_out_and_a_cancel_brings_it_back(
        client, cached, make_product, place_order, make_staff):
    product = make_product(name="Kue Rambut", stock=3)
    staff = make_staff()
    db.session.commit()
    assert "Habis" not in home(client)
    version = cached.version()

    place_order({product: 1})
    db.session.commit()
    assert cached.version() == version, "a sale that leaves stock must not empty the cache"

    order = place_order({product: 2})
    db.session.commit()
    assert cached.version() == version + 1
    assert "Habis" in home(client)

    order_services.cancel(order.parts[0], staff, "Pembeli membatalkan.", by_staff=True)
    db.session.commit()
    assert cached.version() == version + 2
    assert "Habis" not in home(client)


def test_a_collection_starts_on_its_day_without_any_write(client, cached, shelf, make_collection):
    make_collection(name="Hari Ibu 2026", products=[shelf[0]], starts_on=date(2026, 12, 1))
    db.session.commit()
    clock.freeze(datetime(2026, 11, 30, 3, 0, tzinfo=UTC))
    assert "Hari Ibu 2026" not in home(client)
    clock.freeze(datetime(2026, 12, 1, 3, 0, tzinfo=UTC))
    assert "Hari Ibu 2026" in home(client)


def test_an_unreachable_redis_costs_the_cache_not_the_page(client, app, shelf):
    _bind(app, "redis://127.0.0.1:1/0")
    try:
        assert "Kue Lapis Legit" in home(client)
        shelf[0].name = "Kue Tetap Tersimpan"
        db.session.commit()  # the version bump fails quietly; the change itself is kept
        assert "Kue Tetap Tersimpan" in home(client)
    finally:
        _bind(app, "")
