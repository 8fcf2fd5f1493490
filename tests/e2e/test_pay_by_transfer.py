"""On phones: a buyer pays by transfer with a receipt photo, staff confirm it, the seller
later sees her earnings. (Checkout and the seller's order list come with the orders feature;
here the payment is started directly, as checkout will do.)"""

import pytest
from PIL import Image

from storefront.accounts.models import Role
from storefront.extensions import db
from storefront.ledger import services as ledger
from storefront.payments import hooks, services
from storefront.payments.models import PaymentMethod
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def _log_in(page, base, login):
    page.goto(base + "/akun/masuk")
    page.fill("#login", login)
    page.fill("#password", PASSWORD)
    page.locator("form.form button").click()


def test_transfer_proof_confirm_and_earnings(app, live_server, new_page, screenshot, make_user,
                                             make_shop, tmp_path):
    app.config.update(PAYMENT_METHODS=("bank_transfer",), PAYMENT_BANK_ACCOUNT="0123 4567 8901",
                      PAYMENT_QRIS_PAYLOAD="00020101021126570011ID.CO.QRIS.WWW0118936000000000000")
    shop = make_shop(name="Dapur Mama Yuli")
    staff = make_user(Role.STAFF, name="Staf Keuangan")
    heard: list[int] = []
    hooks.register("paid", heard.append)
    try:
        payment = services.start_payment(31, 85_000, PaymentMethod.BANK_TRANSFER,
                                         description="Pesanan #31")
        db.session.commit()

        buyer = new_page()
        buyer.goto(f"{live_server}/bayar/{payment.token}")
        assert buyer.get_by_text("0123 4567 8901").is_visible()
        assert buyer.get_by_text("Rp 85.000").first.is_visible()
        screenshot(buyer, "pay-transfer")
        photo = tmp_path / "bukti.jpg"
        Image.new("RGB", (600, 900), (30, 120, 200)).save(photo, "JPEG")
        buyer.set_input_files("#photo", str(photo))
        buyer.get_by_role("button", name="Kirim bukti").click()
        assert buyer.get_by_text("Bukti transfer Anda sudah kami terima").first.is_visible()
        screenshot(buyer, "pay-transfer-sent")

        desk = new_page()
        _log_in(desk, live_server, staff.email)
        desk.goto(live_server + "/staf/pembayaran/")
        assert desk.locator("img.proof").is_visible()
        screenshot(desk, "staff-payments")
        desk.get_by_role("button", name="Uang sudah masuk: konfirmasi").click()
        assert desk.get_by_text("Pembayaran dikonfirmasi").is_visible()
        assert heard == [31]

        # the orders feature records the sale when the seller completes her order
        ledger.record_sale(shop.id, 3101, 85_000)
        db.session.commit()
        seller = new_page()
        _log_in(seller, live_server, shop.owner.phone)
        seller.goto(live_server + "/penjual/")
        seller.get_by_role("link", name="Pendapatan saya").click()
        assert seller.get_by_text("Rp 85.000").first.is_visible()
        screenshot(seller, "seller-earnings")

        desk.goto(f"{live_server}/staf/pembayaran/toko/{shop.id}")
        screenshot(desk, "staff-shop-ledger")
    finally:
        hooks.unregister("paid", heard.append)
