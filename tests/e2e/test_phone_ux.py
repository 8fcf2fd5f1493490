"""Issue 18: a first-time buyer, seller and staff member on a 360×740 phone."""
from __future__ import annotations

import pytest
import sqlalchemy as sa
from axe_playwright_python.sync_playwright import Axe

from storefront.extensions import db

pytestmark = pytest.mark.browser

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations"]}


def no_axe_violations(page) -> list[str]:
    results = Axe().run(page, options=WCAG)
    return [f"{v['id']}: {v['help']} ({v['nodes'][0]['target']})"
            for v in results.response["violations"]]


def test_prices_never_wrap_at_360px(live_server, page, screenshot, make_product):
    product = make_product(name="Tenun ikat selendang motif kaif panjang sekali", price=1_225_000)
    db.session.commit()
    page.goto(live_server + f"/produk/{product.slug}")
    page.get_by_role("button", name="Masukkan ke keranjang").click()
    page.goto(live_server + "/keranjang/")
    prices = page.locator(".rp")
    assert prices.count() >= 2
    for i in range(prices.count()):
        lines = prices.nth(i).evaluate("el => el.getClientRects().length")
        assert lines == 1, prices.nth(i).inner_text()
        assert prices.nth(i).evaluate("el => getComputedStyle(el).whiteSpace") == "nowrap"
    screenshot(page, "phoneux-cart-prices")
    assert no_axe_violations(page) == []


def test_phone_fields_open_the_number_pad(live_server, page, screenshot, make_product):
    product = make_product(price=30000)
    db.session.commit()
    page.goto(live_server + f"/produk/{product.slug}")
    page.get_by_role("button", name="Masukkan ke keranjang").click()
    page.goto(live_server + "/pesan/")
    phone = page.locator("#phone")
    assert (phone.get_attribute("type"), phone.get_attribute("inputmode"),
            phone.get_attribute("autocomplete")) == ("tel", "tel", "tel")
    assert page.locator("#name").get_attribute("autocomplete") == "name"
    phone.fill("0812 3456 7890")  # a tel input keeps what she types, spaces included
    assert phone.input_value() == "0812 3456 7890"
    screenshot(page, "phoneux-checkout-fields")
    assert no_axe_violations(page) == []
    page.goto(live_server + "/akun/daftar")
    assert page.locator("#phone").get_attribute("type") == "tel"
    assert no_axe_violations(page) == []


def test_a_phone_set_to_english_in_indonesia_gets_indonesian(live_server, new_page, screenshot,
                                                               make_product):
    product = make_product(made_to_order=True, lead_days=1)
    db.session.commit()
    page = new_page(locale="en-ID")
    page.goto(live_server + f"/produk/{product.slug}")
    assert page.locator("html").get_attribute("lang") == "id"
    page.get_by_role("link", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_text("ready 1 day after you order").is_visible()
    screenshot(page, "phoneux-english-by-choice")
    assert no_axe_violations(page) == []


def test_holiday_mode_says_until_when(live_server, page, screenshot, make_product, make_shop):
    from datetime import date

    shop = make_shop()
    shop.on_holiday, shop.holiday_until = True, date(2026, 12, 27)
    product = make_product(shop=shop, stock=50)
    db.session.commit()
    page.goto(live_server + f"/produk/{product.slug}")
    assert page.get_by_text("Toko sedang libur sampai 27 Desember 2026").is_visible()
    assert page.get_by_role("button", name="Masukkan ke keranjang").count() == 0
    screenshot(page, "phoneux-holiday", full_page=False)
    assert no_axe_violations(page) == []


def _staff_logs_in(page, base, make_staff, permissions: str = "admin"):
    from tests.factories import PASSWORD

    staff = make_staff(email="admin-e2e@pasaribu.test", name="Ibu Admin")
    staff.permissions = permissions
    db.session.commit()
    page.goto(base + "/akun/masuk")
    page.fill("#login", "admin-e2e@pasaribu.test")
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    return staff


def test_an_admin_sets_permissions_and_reads_the_audit_log(live_server, page, screenshot, make_staff):
    other = make_staff(name="Ibu Kasir")
    db.session.commit()
    _staff_logs_in(page, live_server, make_staff)
    page.goto(live_server + "/staf/")
    page.get_by_role("link", name="Hak akses staf").click()
    form = page.locator("form.card", has_text="Ibu Kasir")
    form.get_by_label("finance").check()
    assert no_axe_violations(page) == []
    screenshot(page, "phoneux-staff-permissions")
    form.get_by_role("button", name="Simpan hak akses Ibu Kasir").click()
    assert page.get_by_text("Hak akses Ibu Kasir disimpan.").is_visible()
    db.session.expire_all()
    assert db.session.get(type(other), other.id).permissions == "finance"
    page.goto(live_server + "/staf/audit")
    assert page.get_by_text("Hak akses staf diubah").first.is_visible()
    assert no_axe_violations(page) == []
    screenshot(page, "phoneux-audit-labels")


def test_staff_impact_and_assist_pages_have_no_axe_violations(live_server, page, screenshot,
                                                                make_staff, make_product):
    make_product()
    _staff_logs_in(page, live_server, make_staff)
    found = {}
    for path in ("/staf/dampak/", "/staf/dampingi/"):
        page.goto(live_server + path)
        found[path] = no_axe_violations(page)
    screenshot(page, "phoneux-staff-assist")
    assert {path: v for path, v in found.items() if v} == {}


def test_a_buyer_finds_a_mother_through_the_shop_list(live_server, page, screenshot, make_shop,
                                                      make_product):
    shop = make_shop(name="Dapur Mama Ana")
    shop.story, shop.story_public = "Saya membuat kue sejak 1998.", True
    make_product(shop=shop, name="Kue Cucur")
    make_product(shop=make_shop(name="Tenun Mama Bea"))
    db.session.commit()
    page.goto(live_server + "/")
    page.get_by_role("banner").get_by_role("link", name="Toko").click()
    assert page.url.endswith("/toko/")
    assert page.get_by_text("Saya membuat kue sejak 1998.").is_visible()
    assert no_axe_violations(page) == []
    screenshot(page, "phoneux-shop-list")
    page.get_by_role("link", name="Dapur Mama Ana").click()
    assert page.url.endswith(f"/toko/{shop.slug}")
    # the shop name on a product card leads to her shop too
    page.goto(live_server + "/")
    page.locator(".card", has_text="Kue Cucur").get_by_role("link", name="Dapur Mama Ana").click()
    assert page.url.endswith(f"/toko/{shop.slug}")
    assert no_axe_violations(page) == []
    for path in ("/favicon.ico", "/robots.txt", "/sitemap.xml"):
        assert page.request.get(live_server + path).status == 200, path


def test_hari_ibu_is_in_front_during_the_season(live_server, page, screenshot):
    from datetime import datetime

    from storefront import clock
    from storefront.demo.seed import seed_demo

    clock.freeze(datetime(2026, 12, 5, 4, 0))
    seed_demo()
    db.session.commit()
    page.goto(live_server + "/")
    banner = page.locator(".season-banner")
    assert banner.is_visible() and "Pesan paling lambat 20 Desember 2026" in banner.inner_text()
    assert no_axe_violations(page) == []
    screenshot(page, "phoneux-season-home", full_page=False)
    page.get_by_role("navigation", name="Hari Ibu").get_by_role("link", name="Hamper", exact=True).click()
    assert page.get_by_text("Hamper Hari Ibu Tiga Mama").first.is_visible()
    assert no_axe_violations(page) == []
    page.get_by_role("navigation", name="Hari Ibu").get_by_role("link", name="Titik ambil").click()
    assert page.get_by_text("Balai Mama Maulafa").is_visible()
    assert no_axe_violations(page) == []
    screenshot(page, "phoneux-season-points")


def test_a_seller_lists_a_product_in_three_screens(live_server, page, screenshot, make_seller,
                                                    make_category, tmp_path):
    from storefront.catalog.models import CategoryKind, Product
    from storefront.domain.listing import ListingStatus
    from tests.factories import PASSWORD
    from tests.support.images import photo_jpeg

    make_seller(phone="081234560098")
    category = make_category(CategoryKind.FOOD)
    db.session.commit()
    photo = tmp_path / "kue.jpg"
    photo.write_bytes(photo_jpeg(800, 600))
    page.goto(live_server + "/akun/masuk")
    page.fill("#login", "0812 3456 0098")
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    assert page.url.endswith("/penjual/")
    screens = []
    page.on("framenavigated", lambda frame: screens.append(frame.url) if frame == page.main_frame else None)
    page.get_by_role("link", name="Tambah produk").click()            # 1: choose the category
    page.get_by_role("link", name=category.name_id).click()          # 2: the form, with photos
    page.fill("#name", "Kue Rambut")
    page.fill("#description", "Kue rambut renyah dari tepung beras.")
    page.fill("#price", "Rp 20.000")
    page.fill("#stock", "5")
    page.select_option("#halal_status", "no_pork")
    page.set_input_files("#photos", str(photo))
    assert no_axe_violations(page) == []
    screenshot(page, "phoneux-product-form")
    page.get_by_role("button", name="Simpan dan kirim untuk diperiksa").click()  # 3: done
    assert len(screens) == 3
    assert page.get_by_text("dikirim untuk diperiksa").first.is_visible()
    product = db.session.scalar(sa.select(Product))
    assert (product.status, product.price, len(product.photos)) == (ListingStatus.PENDING_REVIEW, 20000, 1)


def test_the_hamper_form_keeps_her_choices_after_an_error(live_server, page, screenshot, make_staff,
                                                          make_product, make_seller, make_pickup_point):
    a = make_product(shop=make_seller(), name="Sambal Lu'at")
    b = make_product(shop=make_seller(), name="Kue Rambut")
    make_pickup_point()
    _staff_logs_in(page, live_server, make_staff, permissions="")
    page.goto(live_server + "/staf/hampers/")
    page.fill("#name", "Hamper Uji")
    page.fill("#price", "100.000")
    page.select_option("#product-0", str(a.id))
    page.fill("#share-0", "40.000")
    page.select_option("#product-1", str(b.id))
    page.fill("#qty-1", "2")
    page.fill("#share-1", "20.000")  # 40.000 + 2 × 20.000 is not 100.000
    page.get_by_role("button", name="Simpan hamper").click()
    assert page.locator("#product-0").input_value() == str(a.id)
    assert page.locator("#product-1").input_value() == str(b.id)
    assert (page.locator("#share-0").input_value(), page.locator("#qty-1").input_value()) == ("40.000", "2")
    screenshot(page, "phoneux-hamper-error")
    assert no_axe_violations(page) == []


def test_the_review_preview_button_is_inert(live_server, page, screenshot, make_staff, make_product):
    from storefront import clock
    from storefront.domain.listing import ListingStatus

    product = make_product(status=ListingStatus.PENDING_REVIEW, submitted_at=clock.now(),
                           pirt_number="P-IRT 1", shelf_life_days=5)
    _staff_logs_in(page, live_server, make_staff, permissions="")
    page.goto(live_server + f"/staf/tinjauan/{product.id}")
    button = page.locator(".preview").get_by_role("button", name="Masukkan ke keranjang")
    assert button.is_disabled()
    assert page.locator(".preview form").count() == 0
    screenshot(page, "phoneux-review-preview")
    assert no_axe_violations(page) == []


def _min_font_px(svg_text: str) -> float:
    import re as _re

    sizes = [float(s) for s in _re.findall(r"font-size:\s*([0-9.]+)px", svg_text)]
    return min(sizes)


def test_impact_charts_are_readable_on_a_phone(live_server, page, screenshot, make_staff):
    from datetime import datetime

    from bench.impact_data import bulk_history
    from storefront import clock

    clock.freeze(datetime(2026, 11, 20, 4, 0))
    bulk_history(6, 60, prefix="baca")
    _staff_logs_in(page, live_server, make_staff, permissions="")
    page.goto(live_server + "/staf/dampak/")
    images = page.locator(".impact-chart img")
    assert images.count() == 3
    for index in range(3):
        image = images.nth(index)
        image.scroll_into_view_if_needed()
        shown, drawn = image.evaluate("img => [img.clientWidth, img.naturalWidth]")
        svg = page.request.get(image.evaluate("img => img.src")).text()
        assert _min_font_px(svg) * shown / drawn >= 12, (index, shown, drawn)
    screenshot(page, "phoneux-impact-charts")
    # the legend of the sales chart: no two names overlap
    page.goto(images.nth(0).evaluate("img => img.src"))
    boxes = page.evaluate("""() => [...document.querySelectorAll('.legend text, .legends text')]
        .map(t => { const b = t.getBBox(); return [b.x, b.y, b.width, b.height, t.textContent]; })""")
    assert len(boxes) >= 7
    for i, (x, y, w, h, a) in enumerate(boxes):
        for (x2, y2, w2, h2, b) in boxes[i + 1:]:
            assert x + w <= x2 or x2 + w2 <= x or y + h <= y2 or y2 + h2 <= y, (a, b)


def test_checkout_errors_are_summarised_at_the_top(live_server, page, screenshot, make_product):
    product = make_product(price=30000)
    db.session.commit()
    page.goto(live_server + f"/produk/{product.slug}")
    page.get_by_role("button", name="Masukkan ke keranjang").click()
    page.goto(live_server + "/pesan/")
    page.get_by_role("button", name="Kirim pesanan").click()
    summary = page.locator("#error-summary")
    assert summary.is_visible() and summary.get_attribute("role") == "alert"
    assert summary.bounding_box()["y"] < 740  # on the first screen
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert "(ada kesalahan)" in page.title()
    screenshot(page, "phoneux-checkout-errors", full_page=False)
    assert no_axe_violations(page) == []
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") in ("name", "phone")


def test_choosing_a_kecamatan_shows_the_fee_before_checkout(live_server, page, screenshot, make_shop,
                                                            make_product, make_delivery_fee):
    shop = make_shop(name="Dapur Mama Ana")
    product = make_product(shop=shop, price=30000)
    make_delivery_fee(shop, "Oebobo", 10000)
    db.session.commit()
    page.goto(live_server + f"/produk/{product.slug}")
    page.get_by_role("button", name="Masukkan ke keranjang").click()
    page.goto(live_server + "/keranjang/")
    page.select_option("#area", "Oebobo")
    page.get_by_role("button", name="Lanjut memesan").click()
    assert "/keranjang/" in page.url  # not silently on to checkout with pickup
    delivery = page.get_by_label("Penjual mengantar ke Oebobo", exact=False)
    assert delivery.is_visible()
    delivery.check()
    assert no_axe_violations(page) == []
    screenshot(page, "phoneux-cart-kecamatan")
    page.get_by_role("button", name="Lanjut memesan").click()
    assert page.url.endswith("/pesan/")
    assert page.get_by_text("Rp 40.000").first.is_visible()
