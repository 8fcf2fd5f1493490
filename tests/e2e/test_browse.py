"""A buyer on a phone browses from the home page to a product."""
import pytest

from storefront.extensions import db

pytestmark = pytest.mark.browser


def test_buyer_browses_home_category_product(live_server, page, screenshot, make_product, make_category):
    category = make_category()
    product = make_product(category=category, name="Kue Cucur Gula Lontar", price=30000)
    db.session.commit()

    page.goto(live_server + "/")
    assert page.locator("html").get_attribute("lang") == "id"
    page.get_by_role("link", name=category.name_id).click()
    page.get_by_role("link", name="Kue Cucur Gula Lontar").click()
    assert page.url.endswith(f"/produk/{product.slug}")
    assert page.get_by_text("Rp 30.000").first.is_visible()
    screenshot(page, "product-page")

    page.fill("#q", "cucur")
    page.get_by_role("button", name="Cari", exact=True).click()
    assert page.get_by_role("link", name="Kue Cucur Gula Lontar").is_visible()
