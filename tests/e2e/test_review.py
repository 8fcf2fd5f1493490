"""On a phone: a guest's order is handed over, she reviews it from her tracking link, and the
product page shows the new average."""
import pytest

from storefront.domain.order_states import SellerOrderStatus
from storefront.extensions import db
from storefront.orders import services as order_services
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def _hand_over(part, seller):
    order_services.release(part, None)  # a cash order is released at checkout already
    for step in (SellerOrderStatus.ACCEPTED, SellerOrderStatus.READY, SellerOrderStatus.COMPLETED):
        order_services.seller_move(part, step, seller)


def test_buyer_reviews_from_her_tracking_page(live_server, new_page, screenshot, make_shop,
                                              make_product, place_order, make_review):
    shop = make_shop(name="Dapur Mama Yuli")
    sambal = make_product(shop=shop, name="Sambal Luat Kupang", price=25000, stock=10)
    earlier = place_order({sambal: 1}, name="Ana Lado")
    order = place_order({sambal: 2}, name="Ibu Maria Goreti Tefa", phone="+6281355551234")
    _hand_over(earlier.parts[0], shop.owner)
    _hand_over(order.parts[0], shop.owner)
    make_review(earlier.parts[0].lines[0], rating=5, text="Pedas mantap.", author_name="Ana L.")
    db.session.commit()

    buyer = new_page()
    buyer.goto(f"{live_server}/produk/{sambal.slug}")
    summary = buyer.locator(".rating-summary").first
    assert "5,0" in summary.inner_text() and "1 ulasan" in summary.inner_text()

    buyer.goto(f"{live_server}/pesanan/{order.token}")
    assert buyer.get_by_text("Sudah diserahkan").is_visible()
    screenshot(buyer, "review-tracking-before")
    buyer.get_by_role("link", name="Beri ulasan Sambal Luat Kupang").click()
    buyer.get_by_label("★★★☆☆ Lumayan").check()
    buyer.fill("#text", "Enak tapi <b>terlalu</b> pedas untuk anak-anak.")
    buyer.get_by_role("button", name="Kirim ulasan saya").click()
    assert buyer.get_by_text("tanpa kode HTML").is_visible()  # refused, with a reason
    assert buyer.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(buyer, "review-form-error")
    buyer.get_by_label("★★★☆☆ Lumayan").check()
    buyer.fill("#text", "Enak tapi terlalu pedas untuk anak-anak.\nPengantaran cepat.")
    buyer.get_by_role("button", name="Kirim ulasan saya").click()

    assert buyer.url.endswith(f"/pesanan/{order.token}")
    assert buyer.get_by_text("Terima kasih! Ulasan Anda untuk Sambal Luat Kupang").is_visible()
    assert buyer.get_by_text("Anda sudah memberi ulasan Sambal Luat Kupang").is_visible()
    screenshot(buyer, "review-tracking-after")

    buyer.goto(f"{live_server}/produk/{sambal.slug}")
    summary = buyer.locator(".rating-summary").first
    assert "4,0" in summary.inner_text() and "2 ulasan" in summary.inner_text()
    reviews = buyer.locator("#ulasan")
    assert reviews.get_by_text("Maria T.").is_visible()
    assert reviews.get_by_text("Enak tapi terlalu pedas untuk anak-anak.").is_visible()
    assert "Tefa" not in buyer.content()
    assert buyer.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(buyer, "review-product-page")


def _log_in(page, base, login):
    page.goto(base + "/akun/masuk")
    page.fill("#login", login)
    page.fill("#password", PASSWORD)
    page.locator("form.form button").click()


def test_seller_replies_and_staff_hide_a_review(live_server, new_page, screenshot, make_shop,
                                                make_product, make_staff, place_order,
                                                make_review):
    shop = make_shop(name="Dapur Mama Yuli")
    sambal = make_product(shop=shop, name="Sambal Luat Kupang", price=25000, stock=10)
    orders = [place_order({sambal: 1}, name=name) for name in ("Ana Lado", "Bea Riwu")]
    for order in orders:
        _hand_over(order.parts[0], shop.owner)
    make_review(orders[0].parts[0].lines[0], rating=4, text="Enak, kirim cepat.", author_name="Ana L.")
    spam = make_review(orders[1].parts[0].lines[0], rating=1, text="Beli di toko lain saja 0812999",
                       author_name="Bea R.")
    staff = make_staff(name="Staf Program")
    db.session.commit()

    seller = new_page()
    _log_in(seller, live_server, shop.owner.phone)
    seller.get_by_role("link", name="Ulasan produk saya").click()
    seller.locator("article", has_text="Ana L.").get_by_label("Balasan Ibu").fill(
        "Terima kasih, Kak Ana! Ditunggu pesanan berikutnya.")
    seller.locator("article", has_text="Ana L.").get_by_role("button", name="Kirim balasan").click()
    assert seller.get_by_text("Balasan Ibu sudah tampil di halaman produk.").is_visible()
    assert seller.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(seller, "review-seller-list")

    desk = new_page()
    _log_in(desk, live_server, staff.email)
    desk.goto(live_server + "/staf/")
    desk.get_by_role("link", name="Ulasan").click()
    card = desk.locator(f"#review-{spam.id}")
    card.get_by_text("Sembunyikan ulasan ini").click()
    card.get_by_label("Kenapa disembunyikan?").fill("Mengajak beli di luar Pasar Ibu")
    card.get_by_role("button", name="Sembunyikan").click()
    assert desk.get_by_text("Ulasan sudah disembunyikan.").is_visible()
    screenshot(desk, "review-staff-list")

    buyer = new_page()
    buyer.goto(f"{live_server}/produk/{sambal.slug}")
    reviews = buyer.locator("#ulasan")
    assert reviews.get_by_text("Terima kasih, Kak Ana!").is_visible()
    assert "0812999" not in buyer.content() and "4,0" in reviews.inner_text()
