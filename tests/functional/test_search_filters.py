"""The filter form on /cari and /kategori/<slug>: each filter, each sort, facet counts, hostile values."""
from datetime import datetime, timedelta

import pytest

from storefront import clock
from storefront.catalog.models import CategoryKind, HalalStatus
from storefront.domain.order_states import SellerOrderStatus
from storefront.extensions import db
from storefront.orders.models import Order, OrderLine, SellerOrder
from tests.support.synonyms import no_first_synonyms  # noqa: F401 - a fixture

pytestmark = pytest.mark.usefixtures("no_first_synonyms")


@pytest.fixture
def shelf(make_product, make_shop, make_category):
    clock.freeze(datetime(2026, 12, 1, 2, 0))
    kue, tenun = make_category(slug="kue"), make_category(CategoryKind.CRAFT, slug="tenun")
    oebobo, alak = make_shop(area="Oebobo"), make_shop(area="Alak")
    products = {
        "bolu": make_product(shop=oebobo, category=kue, name="Kue Bolu", price=30000),
        "nastar": make_product(shop=oebobo, category=kue, name="Kue Nastar", price=45000,
                               halal_status=HalalStatus.NO_PORK),
        "lapis": make_product(shop=alak, category=kue, name="Kue Lapis", price=25000, stock=0),
        "tart": make_product(shop=alak, category=kue, name="Kue Tart Pesanan", price=150000,
                             made_to_order=True, lead_days=5, daily_capacity=2),
        "kain": make_product(shop=alak, category=tenun, name="Kain Kue Motif", price=400000),
    }
    for n, product in enumerate(products.values()):
        product.created_at = datetime(2026, 11, 1) + timedelta(days=n)
    db.session.commit()
    yield products
    clock.freeze(None)


def _names(client, url, **args) -> list[str]:
    html = client.get(url, query_string=args).get_data(as_text=True)
    return [part.split("</span>")[0] for part in html.split('class="card-name">')[1:]]


def _html(client, url, **args) -> str:
    response = client.get(url, query_string=args)
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.mark.parametrize(("args", "expected"), [
    ({}, ["Kue Tart Pesanan", "Kue Lapis", "Kue Nastar", "Kue Bolu"]),  # terbaru without words
    ({"harga_min": "30.000"}, ["Kue Tart Pesanan", "Kue Nastar", "Kue Bolu"]),
    ({"harga_max": "45000"}, ["Kue Lapis", "Kue Nastar", "Kue Bolu"]),
    ({"harga_min": "Rp 30.000", "harga_max": "40.000"}, ["Kue Bolu"]),
    ({"halal": "1"}, ["Kue Tart Pesanan", "Kue Lapis", "Kue Bolu"]),
    ({"tersedia": "1"}, ["Kue Tart Pesanan", "Kue Nastar", "Kue Bolu"]),
    ({"siap_sebelum": "2026-12-03"}, ["Kue Nastar", "Kue Bolu"]),  # the tart needs 5 days
    ({"siap_sebelum": "2026-12-06"}, ["Kue Tart Pesanan", "Kue Nastar", "Kue Bolu"]),
    ({"wilayah": "Alak"}, ["Kue Tart Pesanan", "Kue Lapis"]),
    ({"urut": "termurah"}, ["Kue Lapis", "Kue Bolu", "Kue Nastar", "Kue Tart Pesanan"]),
    ({"urut": "termahal"}, ["Kue Tart Pesanan", "Kue Nastar", "Kue Bolu", "Kue Lapis"]),
])
def test_each_filter_and_sort_on_a_category_page(client, shelf, args, expected):
    assert _names(client, "/kategori/kue", **args) == expected


def test_search_with_kind_category_and_relevance(client, shelf):
    assert _names(client, "/cari", q="kue", jenis="kerajinan") == ["Kain Kue Motif"]
    assert _names(client, "/cari", q="kue", kategori="tenun") == ["Kain Kue Motif"]
    # relevance: the name match first, sold out (Kue Lapis) last
    assert _names(client, "/cari", q="kue")[-1] == "Kue Lapis"
    assert _names(client, "/cari", q="kue", urut="termurah")[:2] == ["Kue Lapis", "Kue Bolu"]


def test_best_selling_counts_units_of_the_last_90_days(client, shelf):
    order = Order(number="PI-1", buyer_name="Ani", buyer_phone="+6281299", total=0)
    recent = SellerOrder(shop_id=shelf["nastar"].shop_id, status=SellerOrderStatus.COMPLETED,
                         fulfilment="pickup", subtotal=0, total=0, created_at=datetime(2026, 11, 20))
    old = SellerOrder(shop_id=shelf["bolu"].shop_id, status=SellerOrderStatus.COMPLETED,
                      fulfilment="pickup", subtotal=0, total=0, created_at=datetime(2026, 6, 1))
    cancelled = SellerOrder(shop_id=shelf["lapis"].shop_id, status=SellerOrderStatus.CANCELLED,
                            fulfilment="pickup", subtotal=0, total=0, created_at=datetime(2026, 11, 20))
    order.parts = [recent, old, cancelled]
    for part, product, quantity in ((recent, shelf["nastar"], 2), (recent, shelf["tart"], 1),
                                    (old, shelf["bolu"], 50), (cancelled, shelf["lapis"], 9)):
        part.lines.append(OrderLine(product_id=product.id, product_name=product.name,
                                    shop_name="x", unit_price=product.price, quantity=quantity))
    db.session.add(order)
    db.session.commit()
    assert _names(client, "/kategori/kue", urut="terlaris") == [
        "Kue Nastar", "Kue Tart Pesanan", "Kue Lapis", "Kue Bolu"]


def test_facet_counts_apply_the_other_filters(client, shelf):
    html = _html(client, "/cari", q="kue", wilayah="Alak", harga_max="200.000")
    # categories with area and price applied: kue has Lapis and Tart in Alak; tenun's Kain is too dear
    counts = _facet_counts(html[html.index('class="facets"'):])
    assert counts["kategori=kue"] == 2 and counts["kategori=tenun"] == 0
    assert counts["wilayah=Oebobo"] == 2 and counts["wilayah=Alak"] == 2  # area facet ignores the area
    assert counts["jenis=pangan"] == 2 and counts["jenis=kerajinan"] == 0
    assert "2 produk" in html


def _facet_counts(facets: str) -> dict[str, int]:
    """{"kategori=kue": 2, "wilayah=Alak": 2, …}: each section's own parameter in its links."""
    counts = {}
    for section, name in zip(facets.split("<h2")[1:], ("kategori", "wilayah", "jenis"), strict=True):
        for item in section.split("<li>")[1:]:
            href = item.split('href="')[1].split('"')[0].replace("&amp;", "&")
            value = dict(p.split("=") for p in href.split("?")[1].split("&"))[name]
            counts[f"{name}={value}"] = int(item.split('class="count">')[1].split("<")[0])
    return counts


def test_each_active_filter_has_a_remove_link(client, shelf):
    html = _html(client, "/kategori/kue", halal="1", harga_min="30000", urut="termurah")
    assert 'href="/kategori/kue?halal=1&amp;urut=termurah"' in html      # removes the price
    assert 'href="/kategori/kue?harga_min=30000&amp;urut=termurah"' in html  # removes halal


@pytest.mark.parametrize("args", [
    {"harga_min": "-5000"}, {"harga_max": "-1"}, {"harga_min": "²⁵⁰⁰⁰"}, {"harga_max": "٣٠٠٠٠"},
    {"harga_min": "9" * 400}, {"harga_min": "abc"}, {"kategori": "tidak-ada"}, {"kategori": "<b>"},
    {"wilayah": "Jakarta"}, {"jenis": "mobil"}, {"urut": "harga"}, {"halal": "ya"}, {"tersedia": "2"},
    {"siap_sebelum": "2026-02-30"}, {"siap_sebelum": "2020-01-01"}, {"siap_sebelum": "x" * 5000},
    {"q": "a" * 10_000}, {"q": "²٣ kue"}, {"page": str(2**31)}, {"page": "-1"},
    {"harga_min": str(2**63)}, {"harga_min": "50.000", "harga_max": "10.000"},
])
def test_hostile_values_are_dropped_with_a_note(client, shelf, args):
    for url in ("/cari", "/kategori/kue"):
        response = client.get(url, query_string={"q": "kue", **args})
        assert response.status_code == 200, (url, args)


def test_a_dropped_value_is_named(client, shelf):
    html = _html(client, "/kategori/kue", harga_min="-5000", urut="harga")
    assert html.count('class="note"') == 2
    html = _html(client, "/kategori/kue", harga_min="50.000", harga_max="10.000")
    assert _names(client, "/kategori/kue", harga_min="50.000", harga_max="10.000") == [
        "Kue Lapis", "Kue Nastar", "Kue Bolu"]
    assert 'class="note"' in html


def test_unknown_category_page_is_404(client, shelf):
    assert client.get("/kategori/tidak-ada").status_code == 404
