"""A guest on a phone buys from two shops; both sellers accept and mark ready; she tracks it."""
import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from storefront.extensions import db
from storefront.models import Order

pytestmark = pytest.mark.browser


def test_guest_buys_from_two_shops_and_tracks_both(live_server, new_page, screenshot, make_shop,
                                                   make_product, make_delivery_fee):
    yuli = make_shop(name="Dapur Mama Yuli", area="Oebobo", pickup_address="Jl. Nangka 3, Oebobo")
    ana = make_shop(name="Tenun Mama Ana", area="Alak")
    sambal = make_product(shop=yuli, name="Sambal Luat Kupang", price=25000, stock=5)
    tenun = make_product(shop=ana, name="Selendang Tenun Ikat", price=350000, stock=2)
    make_delivery_fee(ana, "Oebobo", 15000)
    db.session.commit()
    sellers = [(yuli.owner.phone, yuli.name), (ana.owner.phone, ana.name)]

    guest = new_page()
    for product in (sambal, tenun):
        guest.goto(f"{live_server}/produk/{product.slug}")
        guest.get_by_role("button", name="Masukkan ke keranjang").click()
        assert guest.url.endswith("/keranjang/")
    guest.fill(f"input[name='qty-{sambal.id}']", "2")
    guest.press(f"input[name='qty-{sambal.id}']", "Enter")  # updates; never removes a line
    assert guest.get_by_text("Rp 400.000").is_visible()
    guest.select_option("#area", "Oebobo")
    guest.get_by_role("button", name="Perbarui keranjang").click()
    guest.get_by_label(re.compile("Penjual mengantar ke Oebobo")).check()
    guest.get_by_role("button", name="Perbarui keranjang").click()
    expect(guest.get_by_text("Rp 415.000")).to_be_visible()  # waits for the reload
    assert guest.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(guest, "cart-two-shops")
    guest.get_by_role("button", name="Lanjut memesan").click()
    guest.fill("#name", "Ibu Maria")
    guest.fill("#phone", "0813 5555 1234")
    guest.fill("#address", "Jl. Frans Seda No. 10, dekat gereja")
    guest.fill(f"#note-{yuli.id}", "Selamat Hari Ibu, Mama!")
    guest.get_by_label("Tunai saat Anda ambil atau terima pesanan").check()
    screenshot(guest, "checkout")
    guest.get_by_role("button", name="Kirim pesanan").click()
    assert guest.get_by_role("heading", name="Terima kasih, pesanan Anda sudah terkirim").is_visible()
    assert guest.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scroll
    screenshot(guest, "order-confirmation")
    order = db.session.scalar(sa.select(Order))
    assert order.total == 2 * 25000 + 350000 + 15000

    for phone, shop_name in sellers:
        seller = new_page()
        seller.goto(f"{live_server}/akun/masuk")
        seller.fill("#login", phone)
        seller.fill("#password", "rahasia-yang-panjang-123")
        seller.get_by_role("button", name="Masuk").click()
        seller.goto(f"{live_server}/penjual/pesanan/")
        card = seller.locator("article.order-card").first
        assert order.number in card.inner_text()
        assert "Ibu Maria" in card.inner_text()
        card.get_by_role("button", name="Terima pesanan").click()
        seller.locator("article.order-card").first.get_by_role(
            "button", name="Tandai sudah siap").click()
        assert "Siap" in seller.locator("article.order-card").first.inner_text()
        assert seller.evaluate("document.documentElement.scrollWidth") <= 360
        screenshot(seller, f"seller-inbox-{shop_name.split()[-1].lower()}")

    guest.goto(f"{live_server}/pesanan/{order.token}")
    parts = guest.locator("section.cart-shop")
    assert parts.count() == 2
    for i, (_phone, shop_name) in enumerate(sellers):
        text = parts.nth(i).inner_text()
        assert shop_name in text and "Siap" in text
    screenshot(guest, "tracking-both-ready")
