"""With JavaScript turned off, a guest still browses, searches, fills her cart and orders."""
import pytest

from storefront.extensions import db

pytestmark = pytest.mark.browser


def test_guest_orders_with_javascript_off(live_server, browser, make_product, screenshot):
    product = make_product(name="Sambal Lu'at Botol", price=25000, stock=5)
    db.session.commit()
    context = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False,
                                  locale="id-ID")
    page = context.new_page()
    page.goto(live_server + "/")
    page.fill("#q", "sambal")
    page.get_by_role("button", name="Cari", exact=True).click()
    page.get_by_role("link", name="Sambal Lu'at Botol").first.click()
    page.get_by_role("button", name="Masukkan ke keranjang").click()
    page.goto(live_server + "/pesan/")
    page.fill("#name", "Ibu Tanpa Skrip")
    page.fill("#phone", "0813 2222 3333")
    page.check("input[name=payment_method][value=cash]")
    page.locator("form.checkout button[type=submit], form button.button").last.click()
    assert "/terima-kasih" in page.url
    screenshot(page, "no-javascript-order-placed")
    db.session.expire_all()
    assert product.stock == 4
    context.close()
