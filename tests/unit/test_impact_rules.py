"""Impact calculations without a database: periods, months, figures, names for sponsors."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from storefront.domain import impact as rules
from storefront.domain.impact import SellerMonth, SellerReport

TODAY = date(2026, 11, 20)


def test_empty_fields_give_the_last_six_months():
    period = rules.parse_period("", None, TODAY)
    assert period == rules.Period(date(2026, 6, 1), TODAY)
    assert period.months() == ["2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"]


@pytest.mark.parametrize(("first", "last", "error"), [
    ("2026-10-02", "2026-10-01", rules.ReversedPeriod),
    ("2026-13-01", "", rules.MalformedDate),
    ("kemarin", "", rules.MalformedDate),
    ("", "2026/10/01", rules.MalformedDate),
    ("2020-01-01", "2025-01-06", rules.PeriodTooLong),
])
def test_bad_periods_raise_named_errors(first, last, error):
    with pytest.raises(error):
        rules.parse_period(first, last, TODAY)


def test_five_years_is_allowed():
    assert rules.parse_period("2021-11-21", "2026-11-20", TODAY).months()[0] == "2021-11"


def test_kupang_month_bounds_in_utc():
    start, end = rules.parse_month("2026-12").utc_bounds(timedelta(hours=8))
    assert start == datetime(2026, 11, 30, 16) and end == datetime(2026, 12, 31, 16)
    assert rules.add_months(date(2026, 11, 20), 2) == date(2027, 1, 1)
    for bad in ("2026-13", "26-10", "2026-1x", ""):
        with pytest.raises(rules.MalformedMonth):
            rules.parse_month(bad)


def test_figures_net_average_and_repeat_share():
    month = SellerMonth(gross_sales=100_000, commission=-4_500, refunds=-10_000, payouts=-50_000,
                        orders=3, buyers=3, repeat_buyers=1)
    assert month.net_earnings == 85_500
    assert month.paid_out == 50_000
    assert month.average_order == 33_333
    assert month.repeat_share == 33
    assert SellerMonth().average_order == 0 and SellerMonth().repeat_share == 0


def test_sponsor_names_only_for_sellers_who_consented():
    def seller(shop_id, consented):
        return SellerReport(shop_id, f"Toko {shop_id}", "Oebobo", consented, datetime(2026, 1, 1), None)

    names = rules.public_names([seller(1, False), seller(2, True), seller(3, False)], "Penjual %d")
    assert names[2] == "Toko 2"
    assert {names[1], names[3]} == {"Penjual 1", "Penjual 2"}  # numbered in random order


@pytest.mark.parametrize(("this", "last", "direction", "percent"), [
    (120_000, 100_000, "up", 20), (80_000, 100_000, "down", 20), (100_000, 100_000, "same", 0),
    (50_000, 0, "first", 0), (0, 0, "none", 0), (0, 10_000, "down", 100),
])
def test_month_change(this, last, direction, percent):
    assert rules.month_change(this, last) == rules.Change(direction, percent)


def test_days_to_first_sale():
    report = SellerReport(1, "Toko", "Alor", True, datetime(2026, 7, 1, 1), datetime(2026, 8, 5, 2))
    assert report.days_to_first_sale == 35
    assert SellerReport(1, "Toko", "Alor", True, datetime(2026, 7, 1), None).days_to_first_sale is None


@pytest.mark.parametrize(("amount", "text"), [
    (500, "Rp 500"), (600_000, "Rp 600rb"), (1_250_000, "Rp 1,2jt"), (2_000_000, "Rp 2jt"),
    (3_000_000_000, "Rp 3M"), (-25_000, "-Rp 25rb"),
])
def test_short_rupiah(amount, text):
    assert rules.short_rupiah(amount) == text


def test_nice_ticks_cover_the_top():
    assert rules.nice_ticks(2_350_000) == [0, 500_000, 1_000_000, 1_500_000, 2_000_000, 2_500_000]
    assert rules.nice_ticks(0) == [0]
    assert rules.nice_ticks(7)[-1] >= 7
