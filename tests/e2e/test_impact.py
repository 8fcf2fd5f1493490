"""Acceptance 6: on a 360×740 phone a seller sees her chart and her month-over-month change;
staff see the impact dashboard with its charts drawn (SVG as images, under the strict CSP)."""
from datetime import datetime

import pytest
import sqlalchemy as sa

from bench.impact_data import bulk_history
from storefront import clock
from storefront.accounts.models import User
from storefront.extensions import db
from storefront.shops.models import Shop
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def _log_in(page, base, login):
    page.goto(base + "/akun/masuk")
    page.fill("#login", login)
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Masuk").click()


def test_seller_sees_her_progress_on_a_phone(live_server, page, screenshot, make_staff):
    clock.freeze(datetime(2026, 11, 20, 4, 0))
    shop_ids = bulk_history(2, 120, prefix="e2e")
    shop = db.session.get(Shop, shop_ids[0])
    owner = db.session.get(User, shop.owner_id)
    owner.phone = "+6281234560077"
    owner.set_password(PASSWORD)
    db.session.commit()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    _log_in(page, live_server, "0812 3456 0077")
    assert page.url.endswith("/penjual/")
    change = page.locator("#progress-change")
    assert change.is_visible()
    assert "Penjualan bulan ini" in change.inner_text() and "bulan lalu" in change.inner_text()
    chart = page.locator("img.progress-chart")
    chart.scroll_into_view_if_needed()
    assert chart.is_visible()
    assert chart.evaluate("img => img.complete && img.naturalWidth") > 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert not [e for e in errors if "Content Security Policy" in e]
    screenshot(page, "seller-progress")


def test_staff_sees_the_impact_dashboard(live_server, page, screenshot, make_staff):
    clock.freeze(datetime(2026, 11, 20, 4, 0))
    bulk_history(4, 200, prefix="dasbor")
    staff = make_staff(email="staf-dampak@example.test")
    db.session.commit()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    _log_in(page, live_server, staff.email)
    page.goto(live_server + "/staf/dampak/")
    assert page.get_by_role("heading", name="Dampak program").is_visible()
    images = page.locator(".impact-chart img")
    assert images.count() == 3
    for index in range(3):
        images.nth(index).scroll_into_view_if_needed()
        assert images.nth(index).evaluate("img => img.complete && img.naturalWidth") > 0
    assert not [e for e in errors if "Content Security Policy" in e]
    screenshot(page, "staff-impact")
    page.goto(live_server + "/staf/dampak/?dari=2026-11-01&sampai=2026-10-01")
    assert page.get_by_role("alert").is_visible()
    screenshot(page, "staff-impact-bad-range", full_page=False)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Shop)) == 4
