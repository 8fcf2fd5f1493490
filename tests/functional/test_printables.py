"""Posters and labels: the PDF is rendered, its QR codes decoded with a real decoder."""
from urllib.parse import urlparse

import pypdfium2 as pdfium
import pytest
import sqlalchemy as sa
import zxingcpp

from storefront import clock
from storefront.accounts.models import Role
from storefront.catalog.models import CategoryKind
from storefront.extensions import db
from storefront.reach.models import ShopVisit


def pdf_pages(data: bytes):
    document = pdfium.PdfDocument(data)
    for page in document:
        yield page.render(scale=2).to_pil(), page.get_textpage().get_text_range()


def qr_urls(image) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(image)
            if result.format == zxingcpp.BarcodeFormat.QRCode]


@pytest.fixture
def seller_shop(make_shop, make_product, make_category):
    shop = make_shop(name="Kue Mama Maria")
    shop.story = "Kue rambut Mama Maria selalu habis di pasar Kamis. Kalimat kedua."
    food = make_category(CategoryKind.FOOD)
    craft = make_category(CategoryKind.CRAFT)
    make_product(shop=shop, category=food, name="Kue Rambut", price=45000, pirt_number="2065371020456-23")
    make_product(shop=shop, category=craft, name="Keranjang Lontar", price=65000, material="lontar")
    db.session.commit()
    return shop


@pytest.mark.both_databases  # the visit counter is an upsert written for each engine
def test_a4_poster_qr_leads_to_the_shop_and_the_visit_is_counted(client, login, seller_shop):
    login(seller_shop.owner)
    response = client.get("/penjual/cetak/poster-a4.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    (image, text), = list(pdf_pages(response.data))
    assert "Kue Mama Maria" in text
    assert "Kue rambut Mama Maria selalu habis di pasar Kamis." in text
    assert "Kalimat kedua" not in text
    assert "0812-00" in text
    urls = qr_urls(image)
    assert urls == [f"http://localhost/toko/{seller_shop.slug}?src=poster"]

    url = urlparse(urls[0])
    assert client.get(f"{url.path}?{url.query}").status_code == 200
    assert client.get(f"{url.path}?{url.query}").status_code == 200
    visit = db.session.scalar(sa.select(ShopVisit).where(ShopVisit.shop_id == seller_shop.id))
    assert (visit.source, visit.count, visit.day) == ("poster", 2, clock.today_local())
    panel = client.get("/penjual/bagikan").get_data(as_text=True)
    assert "<td>Kode QR poster</td><td>2</td>" in panel


def test_a5_poster_and_no_story_without_consent(client, login, seller_shop):
    seller_shop.story_public = False
    db.session.commit()
    login(seller_shop.owner)
    (image, text), = list(pdf_pages(client.get("/penjual/cetak/poster-a5.pdf").data))
    assert "Kue Mama Maria" in text and "pasar Kamis" not in text
    assert qr_urls(image) == [f"http://localhost/toko/{seller_shop.slug}?src=poster"]


def test_labels_carry_price_qr_and_food_facts(client, login, seller_shop):
    login(seller_shop.owner)
    (image, text), = list(pdf_pages(client.get("/penjual/cetak/label.pdf").data))
    assert "Kue Rambut" in text and "Rp 45.000" in text and "Keranjang Lontar" in text
    assert "PIRT: 2065371020456-23" in text
    assert "Baik digunakan sebelum" in text
    assert text.count("Baik digunakan sebelum") == 1  # crafts carry no food lines
    urls = sorted(qr_urls(image))
    assert len(urls) == 2 and all(u.endswith("?src=label") for u in urls)


def test_unknown_sources_are_not_counted(client, seller_shop):
    for src in ["", "facebook", "poster'; DROP TABLE x", "x" * 500]:
        assert client.get(f"/toko/{seller_shop.slug}", query_string={"src": src}).status_code == 200
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ShopVisit)) == 0


def test_staff_print_for_any_seller_and_sellers_cannot(client, login, seller_shop, make_user, make_shop):
    other = make_shop()
    db.session.commit()
    login(make_user(Role.STAFF))
    assert client.get("/staf/cetak").status_code == 200
    response = client.get(f"/staf/cetak/{seller_shop.id}/poster-a4.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert client.get(f"/staf/cetak/{seller_shop.id}/label.pdf").status_code == 200
    assert client.get("/staf/cetak/999999/label.pdf").status_code == 404
    assert client.get(f"/staf/cetak/{seller_shop.id}/poster-a3.pdf").status_code == 404
    login(other.owner)
    assert client.get(f"/staf/cetak/{seller_shop.id}/poster-a4.pdf").status_code == 403


def test_status_images_only_for_her_own_products(client, login, seller_shop, make_product):
    from io import BytesIO

    from PIL import Image

    mine = seller_shop  # her products
    theirs = make_product(name="Punya orang lain")
    db.session.commit()
    login(mine.owner)
    own_product = db.session.scalar(sa.select(type(theirs)).where(type(theirs).shop_id == mine.id))
    ok = client.get(f"/penjual/bagikan/status/produk/{own_product.id}.png")
    assert ok.status_code == 200 and Image.open(BytesIO(ok.data)).size == (1080, 1920)
    assert client.get(f"/penjual/bagikan/status/produk/{theirs.id}.png").status_code == 404
    assert Image.open(BytesIO(client.get("/penjual/bagikan/status/toko.png").data)).size == (1080, 1920)


def test_share_panel_has_copyable_links_and_whatsapp_text(client, login, seller_shop):
    login(seller_shop.owner)
    html = client.get("/penjual/bagikan").get_data(as_text=True)
    assert f'readonly value="http://localhost/toko/{seller_shop.slug}?src=wa"' in html
    assert "https://wa.me/?text=Lihat%20Kue%20Mama%20Maria%20di%20Pasar%20Ibu" in html
    assert "src%3Dwa" in html


@pytest.mark.parametrize("path", ["/penjual/bagikan", "/penjual/cetak/poster-a4.pdf",
                                  "/penjual/cetak/label.pdf", "/penjual/bagikan/status/toko.png"])
def test_buyers_and_visitors_cannot_reach_seller_materials(client, login, make_user, path):
    assert client.get(path).status_code == 302
    login(make_user(Role.BUYER))
    assert client.get(path).status_code == 403
