"""On a 360×740 phone: /penjual/ says "1 pesanan baru", and the messages page fits the screen."""
import pytest

from storefront.extensions import db
from storefront.notifications.services import notify
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_seller_home_says_what_to_do_and_messages_fit_360px(
        live_server, page, screenshot, make_seller, make_product, place_order):
    shop = make_seller(name="Mama Yuli", phone="081234560088")
    product = make_product(shop=shop, stock=4, name="Se'i Sapi", price=45000)
    order = place_order({product: 2})
    notify(shop.owner, "Produk Anda 'Kue Rambut Nusa Tenggara Timur Asli Buatan Tangan Mama' "
           "disetujui staf dan sudah tampil di toko: http://127.0.0.1/produk/"
           "kue-rambut-nusa-tenggara-timur-asli-buatan-tangan-mama-yang-sangat-panjang-sekali",
           link="/penjual/produk")
    db.session.commit()
    page.goto(live_server + "/akun/masuk")
    page.fill("#login", "0812 3456 0088")
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    assert page.url.endswith("/penjual/")
    todo = page.locator("#todo")
    assert "1 pesanan baru" in todo.inner_text()
    assert "1 pemberitahuan pesanan belum dibaca" in todo.inner_text()
    assert "1 pesan staf belum dibaca" in todo.inner_text()
    screenshot(page, "seller-home-todo", full_page=False)

    page.get_by_role("link", name="1 pemberitahuan pesanan belum dibaca").click()
    assert "/penjual/notifikasi/" in page.url
    screenshot(page, "seller-messages")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the messages page is {width}px wide"
    notices = page.locator("#order-notices + ul .note")
    assert notices.count() == 1 and order.number in notices.inner_text()
    assert "/tap/" not in page.inner_text("main")  # links are buttons, not raw URLs
    accept = notices.get_by_role("link", name="Terima pesanan")
    box = accept.bounding_box()
    assert box["height"] >= 44 and box["x"] + box["width"] <= 360
    assert notices.get_by_role("link", name="Pesanan siap (nanti)").count() == 1
    staff = page.locator("#staff-messages + ul .note")
    assert staff.get_by_role("link", name="Buka tautan").count() == 1

    accept.click()  # the tap link's own page
    page.get_by_role("button", name="Ya, terima pesanan").click()
    page.goto(live_server + "/penjual/")
    assert "pesanan baru" not in page.locator("#todo").inner_text()
    assert "1 pesanan perlu disiapkan" in page.locator("#todo").inner_text()
