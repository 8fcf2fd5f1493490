"""Search and category pages with filters: one search query plus at most 4 others, at any size."""
from storefront.extensions import db
from storefront.models import ProductPhoto
from storefront.search.models import SynonymGroup, SynonymWord


def _add(make_product, shops, categories, start, stop):
    for n in range(start, stop):
        product = make_product(shop=shops[n % len(shops)], category=categories[n % len(categories)],
                               name=f"Kue nomor {n}", price=10000 + n * 100)
        product.photos.append(ProductPhoto(key=f"products/p{n}", width=10, height=10))
    db.session.commit()


def _counts(client, count_queries, category):
    urls = {
        "words": "/cari?q=kue+nomr",
        "words and filters": "/cari?q=kue&harga_min=10.000&halal=1&tersedia=1&wilayah=Alak&jenis=pangan"
                             "&urut=termurah",
        "best selling": f"/cari?q=jajan&kategori={category.slug}&urut=terlaris",
        "nothing found": "/cari?q=kue+zzzzzz",
        "category": f"/kategori/{category.slug}?harga_max=90.000&siap_sebelum=2099-01-01",
        "category with words": f"/kategori/{category.slug}?q=kue&urut=relevan",
    }
    counts = {}
    for name, url in urls.items():
        with count_queries() as n:
            assert client.get(url).status_code == 200
        counts[name] = n()
    return counts


def test_search_pages_stay_within_five_queries(client, count_queries, make_product, make_shop,
                                              make_category):
    shops = [make_shop(area=area) for area in ("Alak", "Oebobo", "Maulafa")]
    categories = [make_category() for _ in range(3)]
    group = SynonymGroup(label="kue, jajan")
    group.words = [SynonymWord(word="kue"), SynonymWord(word="jajan")]
    db.session.add(group)
    _add(make_product, shops, categories, 0, 10)
    small = _counts(client, count_queries, categories[0])
    _add(make_product, shops, categories, 10, 200)
    large = _counts(client, count_queries, categories[0])
    assert small == large
    assert all(n <= 5 for n in large.values()), large
