"""Search results and facet counts are kept in the fragment cache (real Redis) under the
catalog version: a repeat costs fewer queries, and a change to a product or to the synonym
list shows on the next request."""
from __future__ import annotations

import secrets

import pytest

from storefront.extensions import db
from storefront.search import services as synonyms
from storefront.web import fragments
from tests.conftest import TEST_REDIS_URL, redis_or_skip
from tests.support.synonyms import no_first_synonyms  # noqa: F401 - a fixture

pytestmark = pytest.mark.usefixtures("no_first_synonyms")


@pytest.fixture
def cached(app):
    redis = redis_or_skip(TEST_REDIS_URL)
    prefix = f"test-{secrets.token_hex(4)}:"
    app.config.update(CACHE_REDIS_URL=TEST_REDIS_URL, CACHE_KEY_PREFIX=prefix)
    fragments.init_app(app)
    yield
    app.config.update(CACHE_REDIS_URL="")
    fragments.init_app(app)
    for key in redis.scan_iter(prefix + "*"):
        redis.delete(key)


def _names(client, url):
    html = client.get(url).get_data(as_text=True)
    return [part.split("</span>")[0] for part in html.split('class="card-name">')[1:]]


def test_cached_results_follow_changes(client, cached, count_queries, make_product, make_staff):
    bolu = make_product(name="Kue Bolu", price=30000)
    make_product(name="Jajan Kolak", price=20000)
    db.session.commit()
    assert _names(client, "/cari?q=kue&urut=termurah") == ["Kue Bolu"]
    with count_queries() as n:
        assert _names(client, "/cari?q=kue&urut=termurah") == ["Kue Bolu"]
    assert n() <= 3  # categories, the page's products by id, their photos
    bolu.price = 15000
    make_product(name="Kue Nastar", price=25000)
    db.session.commit()
    assert _names(client, "/cari?q=kue&urut=termurah") == ["Kue Bolu", "Kue Nastar"]
    synonyms.add_group(make_staff(), "kue, jajan")
    db.session.commit()
    assert _names(client, "/cari?q=kue&urut=termurah") == ["Kue Bolu", "Jajan Kolak", "Kue Nastar"]
