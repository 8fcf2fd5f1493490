"""Acceptance 5: a buyer on a phone buys a Hari Ibu hamper for pickup at a community point;
each seller accepts through the one-tap link of her WhatsApp message and marks her part ready
the same way; staff at the point receive the parcels and hand them over with the buyer's
code; her tracking page shows it completed."""
import re

import pytest
import sqlalchemy as sa

from storefront.domain.order_states import SellerOrderStatus as S
from storefront.extensions import db
from storefront.models import Notification, Order
from storefront.pickup import services as pickup

pytestmark = pytest.mark.browser


def _log_in(page, base, login):
    page.goto(f"{base}/akun/masuk")
    page.fill("#login", login)
    page.fill("#password", "rahasia-yang-panjang-123")
    page.get_by_role("button", name="Masuk").click()


def test_buyer_collects_a_hamper_at_a_pickup_point(live_server, new_page, screenshot, make_seller,
                                                   make_product, make_pickup_point, make_hamper,
                                                   make_staff):
    kue = make_product(shop=make_seller(name="Mama Yuli", phone="081300000101"),
                       name="Kue Rambut Kupang", price=30000, stock=5)
    sambal = make_product(shop=make_seller(name="Mama Ros", phone="081300000102"),
                          name="Sambal Lu'at", price=25000, stock=5)
    tenun = make_product(shop=make_seller(name="Mama Ana", phone="081300000103"),
                         name="Selendang Tenun Ikat", price=150000, stock=2)
    point = make_pickup_point(name="Aula Gereja Kota Baru", map_url="https://maps.example.org/aula")
    hamper = make_hamper([(kue, 1, 28000), (sambal, 1, 22000), (tenun, 1, 140000)],
                         name="Hamper Hari Ibu Kupang", point=point)
    staff = make_staff(email="petugas@example.test")
    db.session.commit()
    sellers = [(s.shop.owner.phone, s) for s in (kue, sambal, tenun)]

    buyer = new_page()
    buyer.goto(f"{live_server}/hampers/")
    buyer.get_by_role("link", name=re.compile("Hamper Hari Ibu Kupang")).click()
    assert buyer.get_by_text("Aula Gereja Kota Baru").first.is_visible()
    buyer.fill("#name", "Ibu Maria")
    buyer.fill("#phone", "0813 5555 1234")
    buyer.fill("#gift_note", "Selamat Hari Ibu, Mama!")
    assert buyer.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(buyer, "hamper-detail")
    buyer.get_by_role("button", name="Pesan untuk diambil").click()
    assert buyer.get_by_role("heading", name="Terima kasih, pesanan Anda sudah terkirim").is_visible()
    code = buyer.locator(".handover-code").inner_text().strip()
    assert re.fullmatch(r"\d{6}", code)
    assert buyer.locator(".handover-qr svg").count() == 1
    screenshot(buyer, "hamper-confirmation-code")
    order = db.session.scalar(sa.select(Order))
    assert order.total == hamper.price and len(order.parts) == 3

    for phone, product in sellers:
        owner = product.shop.owner
        message = db.session.scalars(sa.select(Notification).where(Notification.user_id == owner.id)
                                     .order_by(Notification.id)).first()
        assert order.number in message.text and "%2Ftap%2F" in message.wa_link
        accept = re.search(r"https?://\S+/tap/\S+", message.text).group(0)
        seller = new_page()  # her phone, not logged in: the link alone is enough
        seller.goto(accept)
        text = seller.locator("main").inner_text()
        assert order.number in text and product.name in text
        assert all(other.name not in text for _p, other in sellers if other is not product)
        seller.get_by_role("button", name="Ya, terima pesanan").click()
        seller.get_by_role("link", name="Pesanan siap").click()
        seller.get_by_role("button", name="Ya, pesanan sudah siap").click()
        if product is tenun:
            screenshot(seller, "hamper-seller-one-tap-ready")
        _log_in(seller, live_server, phone)
        seller.goto(f"{live_server}/penjual/pesanan/")
        card = seller.locator("article.order-card").first
        assert "Aula Gereja Kota Baru" in card.inner_text() and "Siap" in card.inner_text()

    desk = new_page()
    _log_in(desk, live_server, staff.email)
    desk.goto(f"{live_server}/staf/titik-ambil/{point.id}")
    for _ in range(3):
        desk.get_by_role("button", name="Sudah diterima dari penjual").first.click()
    wrong = "000000" if code != "000000" else "111111"
    desk.fill(f"#code-{order.id}", wrong)
    desk.get_by_role("button", name="Serahkan ke pembeli").click()
    assert desk.get_by_text(re.compile("Kode itu salah")).is_visible()
    screenshot(desk, "pickup-desk-wrong-code")
    db.session.expire_all()
    assert all(p.status == S.READY for p in db.session.get(Order, order.id).parts)
    desk.fill(f"#code-{order.id}", code)
    desk.get_by_role("button", name="Serahkan ke pembeli").click()
    assert desk.get_by_text(re.compile("sudah diserahkan")).is_visible()
    assert desk.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(desk, "pickup-desk-done")

    buyer.goto(f"{live_server}/pesanan/{order.token}")
    assert "Selesai" in buyer.locator("main").inner_text()
    assert buyer.get_by_text("Sudah diambil. Terima kasih!").is_visible()
    assert buyer.locator(".handover-code").count() == 0
    assert buyer.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(buyer, "hamper-tracking-completed")
    db.session.expire_all()
    assert all(p.status == S.COMPLETED for p in db.session.get(Order, order.id).parts)
    assert all(parcel.handed_over_at for parcel in pickup.parcels_of_order(order.id))
