"""Every public page renders the demo shop, in Indonesian by default and in English on request."""
import re

import pytest
import sqlalchemy as sa
from markupsafe import escape

from storefront.catalog.models import Category, Product
from storefront.demo.seed import seed_demo
from storefront.extensions import db
from storefront.shops.models import Shop


@pytest.fixture
def demo(app):
    seed_demo()
    db.session.commit()


def _public_urls():
    product = db.session.scalars(sa.select(Product).order_by(Product.id)).first()
    shop = db.session.scalars(sa.select(Shop).order_by(Shop.id)).first()
    category = db.session.scalars(sa.select(Category).order_by(Category.id)).first()
    return ["/", f"/kategori/{category.slug}", f"/toko/{shop.slug}", f"/produk/{product.slug}",
            "/cari?q=sambal"]


def test_every_public_page_in_both_languages(client, demo):
    for url in _public_urls():
        page = client.get(url)
        assert page.status_code == 200, url
        html = page.get_data(as_text=True)
        assert '<html lang="id">' in html, url
        assert "Cari produk" in html and "Search products" not in html, url

        english = client.get(url, headers={"Accept-Language": "en-US,en;q=0.9"})
        html = english.get_data(as_text=True)
        assert '<html lang="en">' in html, url
        assert "Search products" in html, url


def test_the_language_switch_wins_over_accept_language(client, demo):
    home = client.get("/").get_data(as_text=True)
    assert 'href="/bahasa/en?next=/"' in home
    response = client.get("/bahasa/en", query_string={"next": "/cari?q=kue"})
    assert response.status_code == 302 and response.headers["Location"] == "/cari?q=kue"
    page = client.get("/", headers={"Accept-Language": "id"}).get_data(as_text=True)
    assert '<html lang="en">' in page
    client.get("/bahasa/id?next=/")
    assert '<html lang="id">' in client.get("/").get_data(as_text=True)


def test_language_switch_never_redirects_off_site(client, app):
    response = client.get("/bahasa/en", query_string={"next": "//evil.example/"})
    assert response.headers["Location"] == "/"
    assert client.get("/bahasa/xx?next=/").status_code == 404


def test_browsing_pages_set_no_cookie(client, demo):
    # only pages with a form (the product page's add-to-cart) need a session for CSRF
    for url in _public_urls():
        if not url.startswith("/produk/"):
            assert "Set-Cookie" not in client.get(url).headers, url


def test_product_page_shows_facts_price_seller_and_share_link(client, demo):
    product = db.session.scalar(sa.select(Product).where(Product.slug == "sambal-luat-botol"))
    html = client.get(f"/produk/{product.slug}").get_data(as_text=True)
    assert "Rp 25.000" in html
    assert product.pirt_number in html
    assert "Bersertifikat halal" in html
    assert f"/toko/{product.shop.slug}" in html
    assert re.search(r'href="https://wa\.me/\?text=[^"]*produk%2Fsambal-luat-botol', html)
    assert "srcset=" in html and 'loading="lazy"' not in html.split("<h1>")[0].split("<img")[1]


def test_shop_page_hides_the_story_without_consent(client, demo):
    private = db.session.scalar(sa.select(Shop).where(Shop.story_public.is_(False)))
    html = client.get(f"/toko/{private.slug}").get_data(as_text=True)
    assert str(escape(private.story)) not in html
    public = db.session.scalar(sa.select(Shop).where(Shop.story_public.is_(True)))
    html = client.get(f"/toko/{public.slug}").get_data(as_text=True)
    assert str(escape(public.story)) in html
    assert str(escape(public.pickup_address)) not in html


@pytest.mark.parametrize("url", ["/produk/tidak-ada", "/toko/tidak-ada", "/kategori/tidak-ada",
                                 "/halaman-acak", "/media/../secret_key", "/media/x.txt"])
def test_what_does_not_exist_is_404_with_a_friendly_page(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.get_data(as_text=True)


def test_healthz_checks_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_media_files_are_served_and_long_cached(client, demo):
    product = db.session.scalars(sa.select(Product)).first()
    response = client.get(f"/media/{product.cover.key}-card.webp")
    assert response.status_code == 200 and response.mimetype == "image/webp"
    assert "immutable" in response.headers["Cache-Control"]
