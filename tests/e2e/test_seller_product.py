"""Acceptance 4: on a 360×740 phone a seller logs in, adds a product with a photo, and sees it listed."""
import pytest
import sqlalchemy as sa

from storefront.catalog.models import CategoryKind, Product
from storefront.domain.listing import ListingStatus
from storefront.extensions import db
from tests.factories import PASSWORD
from tests.support.images import photo_jpeg

pytestmark = pytest.mark.browser


def test_seller_adds_a_product_with_a_photo(live_server, page, screenshot, make_seller, make_category,
                                            tmp_path):
    make_seller(phone="081234560099", name="Mama Yuli")
    category = make_category(CategoryKind.FOOD)
    db.session.commit()
    photo = tmp_path / "kue.jpg"
    photo.write_bytes(photo_jpeg(1600, 1200, gps=True))

    page.goto(live_server + "/akun/masuk")
    page.fill("#login", "0812 3456 0099")
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    assert page.url.endswith("/penjual/")
    screenshot(page, "seller-home")

    page.get_by_role("link", name="Tambah produk").click()
    page.get_by_role("link", name=category.name_id).click()
    assert page.locator("#halal_status").is_visible()
    assert page.locator("#material").count() == 0
    assert page.locator("#photos").get_attribute("accept") == "image/*"
    page.fill("#name", "Kue Cucur Gula Lontar")
    page.fill("#description", "Kue cucur manis dari gula lontar Rote.")
    page.fill("#price", "30.000")
    page.fill("#stock", "8")
    page.select_option("#halal_status", "no_pork")
    page.set_input_files("#photos", str(photo))
    screenshot(page, "seller-product-form")
    page.get_by_role("button", name="Simpan sebagai draf").click()

    assert "/penjual/produk" in page.url
    item = page.locator(".seller-product", has_text="Kue Cucur Gula Lontar")
    assert item.is_visible()
    assert item.get_by_text("Rp 30.000").is_visible()
    assert item.get_by_text("Draf").is_visible()
    cover = item.locator("img")
    assert "/media/products/" in cover.get_attribute("src")
    assert cover.evaluate("img => img.naturalWidth") > 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "seller-products")

    item.get_by_role("link", name="Ubah").click()
    assert page.locator(".photo-list img").count() == 1
    assert page.get_by_role("button", name="Hapus").is_visible()
    screenshot(page, "seller-product-edit")

    product = db.session.scalar(sa.select(Product))
    assert (product.price, product.stock, product.status, len(product.photos)) == (
        30000, 8, ListingStatus.DRAFT, 1)


def test_staff_onboard_and_she_sets_her_password_on_her_phone(live_server, new_page, screenshot,
                                                               make_user):
    from storefront.accounts.models import Role

    staff = make_user(Role.STAFF)
    db.session.commit()
    desk = new_page()
    desk.goto(live_server + "/akun/masuk")
    desk.fill("#login", staff.email)
    desk.fill("#password", PASSWORD)
    desk.get_by_role("button", name="Masuk").click()
    desk.goto(live_server + "/staf/penjual/baru")
    desk.fill("#name", "Mama Ina")
    desk.fill("#phone", "0812 7777 0101")
    desk.fill("#shop_name", "Dapur Mama Ina")
    desk.select_option("#area", "Maulafa")
    desk.check("#story_public")
    desk.get_by_role("button", name="Daftarkan dan buat tautan").click()
    link = desk.locator("#set-password-link").inner_text()
    assert desk.locator(".qr svg").is_visible()
    assert desk.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(desk, "staff-invitation-link")

    phone = new_page()
    phone.goto(link)
    phone.fill("#password", "sambal-pedas-1")
    phone.fill("#confirm", "sambal-pedas-1")
    phone.get_by_role("button", name="Simpan kata sandi saya").click()
    assert phone.url.endswith("/penjual/")
    assert phone.get_by_role("heading", name="Dapur Mama Ina").is_visible()
