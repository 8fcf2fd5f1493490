"""Catalog feeds: CSV and RSS 2.0 with g:, only public products, conditional GET."""
import csv
import io
from xml.etree import ElementTree as ET

import pytest

from storefront.domain.listing import ListingStatus
from storefront.extensions import db
from storefront.reach.feeds import FIELDS, G_NS
from storefront.shops.models import ShopStatus


@pytest.fixture
def products(make_product, make_shop):
    public = make_product(name="Kue Rambut", price=45000, description="<b>Renyah</b>\n  dan   manis")
    sold_out = make_product(name="Dodol", stock=0, shop=public.shop)
    hidden = [make_product(name=f"Tersembunyi {s}", status=s) for s in
              (ListingStatus.DRAFT, ListingStatus.PENDING_REVIEW, ListingStatus.ARCHIVED,
               ListingStatus.CHANGES_REQUESTED)]
    hidden.append(make_product(name="Toko Ditangguhkan", shop=make_shop(status=ShopStatus.SUSPENDED)))
    db.session.commit()
    return public, sold_out, hidden


def test_csv_feed(client, products):
    public, sold_out, hidden = products
    response = client.get("/feed/produk.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [r["title"] for r in rows] == ["Kue Rambut", "Dodol"]
    for row in rows:
        assert all(row[f] for f in FIELDS), row
        assert row["price"].endswith(" IDR") and row["condition"] == "new"
    assert rows[0]["price"] == "45000 IDR" and rows[0]["description"] == "Renyah dan manis"
    assert rows[0]["availability"] == "in stock" and rows[1]["availability"] == "out of stock"
    assert rows[0]["brand"] == public.shop.name
    assert rows[0]["link"] == f"http://localhost/produk/{public.slug}"


def test_xml_feed(client, products):
    public, _, hidden = products
    response = client.get("/feed/produk.xml")
    root = ET.fromstring(response.data)
    assert root.tag == "rss" and root.get("version") == "2.0"
    items = root.findall("./channel/item")
    titles = [item.findtext(f"{{{G_NS}}}title") for item in items]
    assert titles == ["Kue Rambut", "Dodol"]
    for item in items:
        for field in FIELDS:
            assert item.findtext(f"{{{G_NS}}}{field}"), field
        assert item.findtext(f"{{{G_NS}}}price").endswith(" IDR")
    assert not any(h.name in response.get_data(as_text=True) for h in hidden)


@pytest.mark.parametrize("path", ["/feed/produk.csv", "/feed/produk.xml"])
def test_conditional_get_answers_304(client, products, path):
    first = client.get(path)
    assert first.headers["ETag"] and first.headers["Last-Modified"]
    again = client.get(path, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    since = client.get(path, headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert since.status_code == 304


def test_etag_changes_when_the_catalog_changes(client, products):
    public = products[0]
    etag = client.get("/feed/produk.csv").headers["ETag"]
    public.price = 50000
    db.session.commit()
    response = client.get("/feed/produk.csv", headers={"If-None-Match": etag})
    assert response.status_code == 200 and "50000 IDR" in response.get_data(as_text=True)
