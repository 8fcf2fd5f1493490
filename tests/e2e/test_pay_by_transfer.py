"""On a phone, through the real checkout: a buyer pays by transfer and sends a photo of her
receipt, staff confirm it in /staf/pembayaran, the seller sees the order as new, hands it
over, and sees her earnings in /penjual/pendapatan."""
import re

import pytest
import sqlalchemy as sa
from PIL import Image
from playwright.sync_api import expect

from storefront.accounts.models import Role
from storefront.extensions import db
from storefront.models import Order
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def _log_in(page, base, login):
    page.goto(base + "/akun/masuk")
    page.fill("#login", login)
    page.fill("#password", PASSWORD)
    page.locator("form.form button").click()


def _no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_transfer_checkout_proof_confirm_seller_completes_and_earns(
        app, live_server, new_page, screenshot, make_user, make_shop, make_product, tmp_path):
    app.config.update(PAYMENT_METHODS=("bank_transfer", "cash"),
                      PAYMENT_BANK_ACCOUNT="0123 4567 8901", COMMISSION_RATE="0.05",
                      PAYMENT_QRIS_PAYLOAD="00020101021126570011ID.CO.QRIS.WWW0118936000000000000")
    shop = make_shop(name="Dapur Mama Yuli")
    sambal = make_product(shop=shop, name="Sambal Luat Kupang", price=42_500, stock=5)
    staff = make_user(Role.STAFF, name="Staf Keuangan")
    db.session.commit()

    buyer = new_page()
    buyer.goto(f"{live_server}/produk/{sambal.slug}")
    buyer.get_by_role("button", name="Masukkan ke keranjang").click()
    buyer.fill(f"input[name='qty-{sambal.id}']", "2")
    buyer.press(f"input[name='qty-{sambal.id}']", "Enter")
    buyer.get_by_role("button", name="Lanjut memesan").click()
    buyer.fill("#name", "Ibu Maria")
    buyer.fill("#phone", "0813 5555 1234")
    buyer.get_by_label("Transfer bank atau QRIS").check()
    _no_sideways_scroll(buyer)
    screenshot(buyer, "checkout-pay-methods")
    buyer.get_by_role("button", name="Kirim pesanan").click()

    # the payment page: the programme's account, the exact amount, the QRIS code
    buyer.wait_for_url(re.compile(r"/bayar/[\w-]+$"))
    expect(buyer.get_by_text("0123 4567 8901")).to_be_visible()
    assert buyer.get_by_role("link", name="Simpan tautan ini untuk mengikuti pesanan Anda").is_visible()
    assert buyer.get_by_text("Rp 85.000").first.is_visible()
    _no_sideways_scroll(buyer)
    screenshot(buyer, "pay-transfer")
    photo = tmp_path / "bukti.jpg"
    Image.new("RGB", (600, 900), (30, 120, 200)).save(photo, "JPEG")
    buyer.set_input_files("#photo", str(photo))
    buyer.get_by_role("button", name="Kirim bukti").click()
    expect(buyer.get_by_text("Bukti transfer Anda sudah kami terima").first).to_be_visible()
    screenshot(buyer, "pay-transfer-sent")
    db.session.rollback()
    order = db.session.scalar(sa.select(Order))
    assert order.total == 85_000
    buyer.goto(f"{live_server}/pesanan/{order.token}")
    assert buyer.get_by_text("Menunggu pembayaran").first.is_visible()
    assert buyer.get_by_role("link", name="Bayar sekarang").is_visible()
    _no_sideways_scroll(buyer)
    screenshot(buyer, "tracking-awaiting-payment")

    # the seller sees nothing to do before the money is in
    seller = new_page()
    _log_in(seller, live_server, shop.owner.phone)
    seller.goto(live_server + "/penjual/pesanan/")
    assert "Menunggu pembayaran" in seller.locator("article.order-card").first.inner_text()

    desk = new_page()
    _log_in(desk, live_server, staff.email)
    desk.goto(live_server + "/staf/pembayaran/")
    expect(desk.locator("img.proof")).to_be_visible()
    assert desk.get_by_role("link", name=order.number).is_visible()
    _no_sideways_scroll(desk)
    screenshot(desk, "staff-payments")
    desk.get_by_role("button", name="Uang sudah masuk: konfirmasi").click()
    expect(desk.get_by_text("Pembayaran dikonfirmasi")).to_be_visible()

    seller.goto(live_server + "/penjual/pesanan/")
    card = seller.locator("article.order-card").first
    assert order.number in card.inner_text() and "Baru" in card.inner_text()
    screenshot(seller, "seller-inbox-paid")
    for step in ("Terima pesanan", "Tandai sudah siap", "Tandai sudah diserahkan"):
        seller.locator("article.order-card").first.get_by_role("button", name=step).click()
        seller.wait_for_load_state()
    expect(seller.locator("article.order-card").first).to_contain_text("Sudah diserahkan")
    seller.goto(live_server + "/penjual/")
    seller.get_by_role("link", name="Pendapatan saya").click()
    expect(seller.get_by_text("Rp 80.750").first).to_be_visible()  # Rp 85.000 less 5%
    assert seller.get_by_text(order.number).first.is_visible()
    _no_sideways_scroll(seller)
    screenshot(seller, "seller-earnings")

    buyer.goto(f"{live_server}/pesanan/{order.token}")
    assert buyer.get_by_role("link", name="Bayar sekarang").count() == 0
    desk.goto(f"{live_server}/staf/pembayaran/toko/{shop.id}")
    screenshot(desk, "staff-shop-ledger")
