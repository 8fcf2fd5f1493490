"""On a phone (360 px), through the real checkout: a buyer pays by dynamic QRIS; the Xendit
fake simulates the payment and calls back; her tracking page shows "Dibayar". A second
buyer picks a virtual account at her bank and sees the number to pay."""
import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from storefront.extensions import db
from storefront.models import Order
from storefront.payments.models import Payment

pytestmark = pytest.mark.browser


def _no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def _checkout(page, base, product, name: str):
    page.goto(f"{base}/produk/{product.slug}")
    page.get_by_role("button", name="Masukkan ke keranjang").click()
    page.get_by_role("button", name="Lanjut memesan").click()
    page.fill("#name", name)
    page.fill("#phone", "0813 5555 1234")


def _latest_payment() -> Payment:
    db.session.rollback()
    order = db.session.scalar(sa.select(Order).order_by(Order.id.desc()).limit(1))
    return db.session.scalar(sa.select(Payment).where(Payment.order_id == order.id))


def test_pay_by_qris_then_tracking_shows_paid(app, live_server, new_page, screenshot,
                                              fake_xendit, make_shop, make_product):
    shop = make_shop(name="Dapur Mama Yuli")
    sambal = make_product(shop=shop, name="Sambal Luat Kupang", price=42_500, stock=5)
    db.session.commit()
    fake_xendit.callback_url = f"{live_server}/webhooks/xendit"

    buyer = new_page()
    _checkout(buyer, live_server, sambal, "Ibu Maria")
    buyer.get_by_label("QRIS: pindai dengan aplikasi bank atau dompet digital apa saja").check()
    _no_sideways_scroll(buyer)
    screenshot(buyer, "checkout-xendit-methods")
    buyer.get_by_role("button", name="Kirim pesanan").click()

    buyer.wait_for_url(re.compile(r"/bayar/[\w-]+$"))
    qr = buyer.get_by_role("img", name="Kode QRIS untuk pesanan ini")
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.naturalWidth") > 0  # the SVG drawn by segno loaded
    assert buyer.get_by_text("Rp 42.500").first.is_visible()
    _no_sideways_scroll(buyer)
    screenshot(buyer, "pay-qris")

    # the buyer scans and pays: Xendit calls back with its token
    payment = _latest_payment()
    fake_xendit.pay(payment.provider_ref)
    db.session.rollback()
    order = db.session.get(Order, payment.order_id)
    buyer.goto(f"{live_server}/pesanan/{order.token}")
    expect(buyer.get_by_text("Dibayar", exact=True)).to_be_visible()
    assert buyer.get_by_role("link", name="Bayar sekarang").count() == 0
    _no_sideways_scroll(buyer)
    screenshot(buyer, "tracking-paid-by-qris")


def test_virtual_account_page_on_a_phone(app, live_server, new_page, screenshot, fake_xendit,
                                         make_product):
    kain = make_product(name="Tenun Ikat Sumba", price=350_000, stock=2)
    db.session.commit()
    buyer = new_page()
    _checkout(buyer, live_server, kain, "Ibu Sari")
    buyer.get_by_label("Virtual account: transfer dari bank Anda, langsung terkonfirmasi").check()
    buyer.select_option("#va_bank", "MANDIRI")
    buyer.get_by_role("button", name="Kirim pesanan").click()
    buyer.wait_for_url(re.compile(r"/bayar/[\w-]+$"))
    payment = _latest_payment()
    assert payment.channel == "MANDIRI"
    expect(buyer.locator("#va-number")).to_have_text(payment.pay_code)
    assert buyer.get_by_text("Bayar ke virtual account Mandiri").is_visible()
    assert buyer.get_by_text("Rp 350.000").first.is_visible()
    _no_sideways_scroll(buyer)
    screenshot(buyer, "pay-virtual-account")


def test_staff_match_a_pasted_statement_on_a_phone(app, live_server, new_page, screenshot,
                                                   make_user, make_product):
    from storefront.accounts.models import Role
    from tests.factories import PASSWORD

    app.config.update(PAYMENT_METHODS=("bank_transfer", "cash"), TRANSFER_UNIQUE_CODE=True)
    sambal = make_product(name="Sambal Luat Kupang", price=42_500, stock=5)
    staff = make_user(Role.STAFF, name="Staf Keuangan")
    db.session.commit()
    buyer = new_page()
    _checkout(buyer, live_server, sambal, "Ibu Maria")
    buyer.get_by_label("Transfer bank atau QRIS").check()
    buyer.get_by_role("button", name="Kirim pesanan").click()
    buyer.wait_for_url(re.compile(r"/bayar/[\w-]+$"))
    payment = _latest_payment()
    order = db.session.get(Order, payment.order_id)
    expect(buyer.locator(".pay-ref")).to_have_text(order.number)
    _no_sideways_scroll(buyer)
    screenshot(buyer, "pay-transfer-reference")

    desk = new_page()
    desk.goto(live_server + "/akun/masuk")
    desk.fill("#login", staff.email)
    desk.fill("#password", PASSWORD)
    desk.locator("form.form button").click()
    desk.goto(live_server + "/staf/pembayaran/")
    expect(desk.get_by_text("Ibu Maria")).to_be_visible()
    desk.get_by_role("link", name="Cocokkan mutasi rekening").click()
    amount = f"{payment.amount:,}".replace(",", ".")
    desk.fill("#statement", f"01/12/2026,{amount},TRSF E-BANKING {order.number}\n"
                            "01/12/2026,10.000,TRSF LAIN\n")
    desk.get_by_role("button", name="Cari yang cocok").click()
    expect(desk.get_by_text("Saran yang cocok")).to_be_visible()
    _no_sideways_scroll(desk)
    screenshot(desk, "staff-statement-matches")
    desk.get_by_role("button", name="Konfirmasi pembayaran yang dicentang").click()
    expect(desk.get_by_text("1 pembayaran dikonfirmasi")).to_be_visible()
    buyer.goto(f"{live_server}/pesanan/{order.token}")
    expect(buyer.get_by_text("Dibayar", exact=True)).to_be_visible()
