"""A buyer on a 360 px phone narrows a search by price and halal, sorts cheapest first,
then clears a filter."""
import pytest

from storefront.catalog.models import HalalStatus
from storefront.extensions import db

pytestmark = pytest.mark.browser


def _names(page) -> list[str]:
    return page.locator(".grid .card-name").all_inner_texts()


def test_filter_by_price_and_halal_sort_cheapest_and_clear(live_server, page, screenshot, make_product,
                                                           make_category, make_shop):
    kue = make_category(slug="kue")
    shop = make_shop(name="Dapur Mama Yuli", area="Alak")
    make_product(shop=shop, category=kue, name="Kue Bolu Pandan", price=45000)
    make_product(shop=shop, category=kue, name="Kue Nastar Keju", price=35000)
    make_product(shop=shop, category=kue, name="Kue Lapis Babi", price=38000,
                 halal_status=HalalStatus.CONTAINS_PORK)
    make_product(shop=shop, category=kue, name="Kue Tart Besar", price=250000)
    db.session.commit()

    page.goto(live_server + "/cari?q=kue")
    assert len(_names(page)) == 4
    page.get_by_text("Filter", exact=True).click()
    page.fill("#f-min", "30.000")
    page.fill("#f-max", "50.000")
    page.get_by_label("Bersertifikat halal").check()
    page.select_option("#f-urut", "termurah")
    page.get_by_role("button", name="Tampilkan").click()
    assert "halal=1" in page.url and "urut=termurah" in page.url and "harga_min=30.000" in page.url
    assert _names(page) == ["Kue Nastar Keju", "Kue Bolu Pandan"]
    assert page.get_by_text("2 produk").is_visible()
    page.set_viewport_size({"width": 360, "height": 740})
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"page is {width}px wide"
    screenshot(page, "search-filters-360")

    page.locator(".active-filters a", has_text="Bersertifikat halal").click()
    assert "halal=1" not in page.url and "urut=termurah" in page.url
    assert _names(page) == ["Kue Nastar Keju", "Kue Lapis Babi", "Kue Bolu Pandan"]
