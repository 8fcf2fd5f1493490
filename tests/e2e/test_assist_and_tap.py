"""On a 360 px phone: a mentor helps a seller under a banner; a seller accepts an order in one tap."""
import re

import pytest
import sqlalchemy as sa

from storefront.domain.order_states import SellerOrderStatus as S
from storefront.extensions import db
from storefront.models import Notification, SellerOrder
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_mentor_helps_under_a_banner_then_stops(live_server, new_page, screenshot, make_seller,
                                                make_mentor):
    make_seller(name="Mama Yuli", phone="081234560077")
    make_mentor(name="Kak Rina", email="rina@example.test")
    db.session.commit()
    seller = new_page()
    seller.goto(live_server + "/akun/masuk")
    seller.fill("#login", "0812 3456 0077")
    seller.fill("#password", PASSWORD)
    seller.get_by_role("button", name="Masuk").click()
    seller.get_by_role("link", name="Bantuan pendamping").click()
    seller.select_option("#mentor_id", label="Kak Rina")
    seller.fill("#days", "7")
    seller.get_by_role("button", name="Izinkan pendamping ini membantu saya").click()
    assert "boleh membantu sampai" in seller.inner_text("main")
    screenshot(seller, "assist-seller-consent")

    page = new_page()
    page.goto(live_server + "/akun/masuk")
    page.fill("#login", "rina@example.test")
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.goto(live_server + "/staf/dampingi/")
    screenshot(page, "assist-staff")
    page.get_by_role("button", name="Bantu sekarang").click()
    assert page.url.endswith("/penjual/")
    banner = page.locator(".assist-banner")
    assert "Anda sedang membantu Mama Yuli" in banner.inner_text()
    screenshot(page, "assist-banner", full_page=False)
    banner.get_by_role("button", name="Berhenti").click()
    assert page.locator(".assist-banner").count() == 0


def test_seller_accepts_in_one_tap(live_server, page, screenshot, make_seller, make_product,
                                   place_order):
    shop = make_seller(name="Mama Yuli")
    product = make_product(shop=shop, stock=4, name="Se'i Sapi", price=45000)
    order = place_order({product: 2})
    db.session.commit()
    note = db.session.scalar(sa.select(Notification).where(Notification.user_id == shop.owner_id))
    accept = re.findall(r"http://127\.0\.0\.1:\d+/tap/\S+", note.text)[0]
    page.goto(accept)
    screenshot(page, "tap-confirm")
    assert order.number in page.inner_text("h1")
    page.get_by_role("button", name="Ya, terima pesanan").click()
    screenshot(page, "tap-done")
    db.session.expire_all()
    assert db.session.get(SellerOrder, order.parts[0].id).status == S.ACCEPTED
    page.goto(accept)
    assert "sudah dipakai" in page.inner_text("main")
    screenshot(page, "tap-used")
