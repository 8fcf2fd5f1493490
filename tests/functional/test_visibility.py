"""Only approved products of active shops are public: on every page, in search, by URL."""
import pytest

from storefront.domain.listing import ListingStatus
from storefront.extensions import db
from storefront.shops.models import ShopStatus

HIDDEN = [ListingStatus.DRAFT, ListingStatus.PENDING_REVIEW, ListingStatus.CHANGES_REQUESTED,
          ListingStatus.ARCHIVED]


def _pages(client, product):
    return {
        "home": client.get("/").get_data(as_text=True),
        "category": client.get(f"/kategori/{product.category.slug}").get_data(as_text=True),
        "search": client.get("/cari?q=rahasiaunik").get_data(as_text=True),
    }


@pytest.mark.parametrize("status", HIDDEN)
def test_unapproved_products_are_invisible(client, make_product, status):
    visible = make_product(name="Kue Rahasiaunik Tampil")
    hidden = make_product(name="Kue Rahasiaunik Tersembunyi", status=status, shop=visible.shop,
                          category=visible.category)
    db.session.commit()
    pages = _pages(client, visible)
    pages["shop"] = client.get(f"/toko/{visible.shop.slug}").get_data(as_text=True)
    for name, html in pages.items():
        assert visible.name in html, name
        assert hidden.name not in html, name
    assert client.get(f"/produk/{hidden.slug}").status_code == 404
    assert client.get(f"/produk/{visible.slug}").status_code == 200


def test_a_suspended_shop_and_its_products_are_invisible(client, make_product, make_shop):
    shop = make_shop(status=ShopStatus.SUSPENDED)
    product = make_product(shop=shop, name="Sambal Rahasiaunik")
    db.session.commit()
    for name, html in _pages(client, product).items():
        assert product.name not in html, name
    assert client.get(f"/produk/{product.slug}").status_code == 404
    assert client.get(f"/toko/{shop.slug}").status_code == 404
