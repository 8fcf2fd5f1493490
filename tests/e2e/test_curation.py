"""Acceptance 6: on a phone, staff approve a product and buyers can see it at once."""
import pytest

from storefront import clock
from storefront.domain.listing import ListingStatus
from storefront.extensions import db
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_staff_approve_a_product_and_it_appears_publicly(live_server, new_page, screenshot,
                                                         make_staff, make_product):
    staff = make_staff(email="staf.e2e@pasaribu.test")
    product = make_product(name="Kue Cucur Gula Lontar", price=30000,
                           status=ListingStatus.PENDING_REVIEW, submitted_at=clock.now(),
                           pirt_number="P-IRT 2065371010123", shelf_life_days=4)
    make_product(name="Abon Tanpa PIRT", status=ListingStatus.PENDING_REVIEW,
                 submitted_at=clock.now(), shelf_life_days=4)
    db.session.commit()

    buyer = new_page()
    assert buyer.goto(f"{live_server}/produk/{product.slug}").status == 404

    page = new_page()
    page.goto(live_server + "/akun/masuk")
    page.fill("#login", staff.email)
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.goto(live_server + "/staf/")
    page.get_by_role("link", name="Antrean tinjauan").click()
    assert page.get_by_text("tidak ada nomor PIRT").first.is_visible()  # the food flag
    screenshot(page, "curation-queue")

    page.get_by_role("link", name="Tinjau Kue Cucur Gula Lontar").click()
    assert page.get_by_role("heading", name="Kue Cucur Gula Lontar").is_visible()
    screenshot(page, "curation-review")
    page.get_by_role("button", name="Setujui").click()

    assert page.get_by_text("Disetujui. Produk ini sekarang tampil untuk pembeli.").is_visible()
    whatsapp = page.get_by_role("link", name="Kirim juga lewat WhatsApp")
    assert whatsapp.get_attribute("href").startswith("https://wa.me/62")
    screenshot(page, "curation-approved")

    buyer.goto(live_server + "/")
    buyer.get_by_role("link", name="Kue Cucur Gula Lontar").first.click()
    assert buyer.url.endswith(f"/produk/{product.slug}")
    assert buyer.get_by_text("Rp 30.000").first.is_visible()
    screenshot(buyer, "curation-public-product")


def test_staff_pause_a_shop_and_build_a_collection_on_a_phone(live_server, new_page, screenshot,
                                                               make_staff, make_product):
    from datetime import datetime

    staff = make_staff(email="staf.dua@pasaribu.test")
    product = make_product(name="Selendang Tenun Rote", made_to_order=True, lead_days=30)
    db.session.commit()
    clock.freeze(datetime(2026, 12, 1, 2))

    page = new_page()
    page.goto(live_server + "/akun/masuk")
    page.fill("#login", staff.email)
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Masuk").click()

    page.goto(live_server + "/staf/koleksi/")
    page.fill("#name", "Hadiah Hari Ibu")
    page.fill("#banner", "Kue dan tenun untuk ibu tercinta.")
    page.fill("#starts_on", "2026-11-20")
    page.fill("#ends_on", "2026-11-10")
    page.get_by_role("button", name="Simpan").click()
    assert page.get_by_text("Hari terakhir tidak boleh sebelum hari pertama").is_visible()
    page.fill("#ends_on", "2026-12-22")
    page.get_by_role("button", name="Simpan").click()
    screenshot(page, "curation-collection")

    page.goto(live_server + "/staf/produk")
    page.get_by_role("button", name="Masukkan ke koleksi").click()
    page.get_by_role("button", name="Jadikan pilihan staf").click()
    screenshot(page, "curation-products")

    visitor = new_page()
    visitor.goto(live_server + "/")
    screenshot(visitor, "curation-home")
    visitor.get_by_role("link", name="Hadiah Hari Ibu").click()
    assert visitor.url.endswith("/hari-ibu")
    assert visitor.get_by_text("Selendang Tenun Rote").is_visible()
    assert visitor.get_by_text("Tidak sempat untuk Hari Ibu").is_visible()
    screenshot(visitor, "curation-hari-ibu")

    page.goto(live_server + "/staf/toko")
    page.get_by_text("Hentikan toko ini sementara").click()
    page.get_by_label("Alasan (dibaca penjual)").fill("Kemasan perlu diperbaiki dulu")
    page.get_by_role("button", name="Hentikan: sembunyikan semua produk dan hentikan pesanan").click()
    assert page.get_by_role("link", name="Kirim juga lewat WhatsApp").is_visible()
    screenshot(page, "curation-shops")
    assert visitor.goto(f"{live_server}/produk/{product.slug}").status == 404

    page.goto(live_server + "/staf/audit")
    screenshot(page, "curation-audit")
