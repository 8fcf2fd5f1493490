"""No public page's query count grows with the number of products."""
import pytest

from storefront.extensions import db
from storefront.models import ProductPhoto

#: SQL: the statements each page runs; see tests/conftest.py
pytestmark = pytest.mark.both_databases


def _add_products(make_product, shops, categories, start, stop):
    for n in range(start, stop):
        product = make_product(shop=shops[n % len(shops)], category=categories[n % len(categories)],
                               name=f"Kue nomor {n}", featured=n % 4 == 0)
        product.photos.append(ProductPhoto(key=f"products/p{n}", width=10, height=10))
        product.photos.append(ProductPhoto(key=f"products/q{n}", position=1, width=10, height=10))
    db.session.commit()


def _count_pages(client, count_queries, shop, category):
    counts = {}
    for name, url in {"home": "/", "category": f"/kategori/{category.slug}", "shop": f"/toko/{shop.slug}",
                      "search": "/cari?q=kue"}.items():
        with count_queries() as n:
            assert client.get(url).status_code == 200
        counts[name] = n()
    return counts


def test_query_counts_are_small_and_do_not_grow(client, count_queries, make_product, make_shop,
                                                make_category):
    shops = [make_shop() for _ in range(5)]
    categories = [make_category() for _ in range(3)]
    _add_products(make_product, shops, categories, 0, 10)
    with_10 = _count_pages(client, count_queries, shops[0], categories[0])
    _add_products(make_product, shops, categories, 10, 300)
    with_300 = _count_pages(client, count_queries, shops[0], categories[0])
    assert with_10 == with_300
    assert all(n <= 6 for n in with_300.values()), with_300
