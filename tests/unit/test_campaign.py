"""The Hari Ibu order-by date and which made-to-order products miss it."""
from datetime import date

import pytest

from storefront.domain.campaign import InvalidCampaignDay, campaign, parse_month_day


def test_order_by_date_leaves_time_to_deliver_before_the_day():
    timing = campaign(date(2026, 12, 1), "12-22", delivery_days=1)
    assert timing.day == date(2026, 12, 22)
    assert timing.order_by == date(2026, 12, 20)  # delivered on the 21st, before the day
    assert timing.days_left == 20


def test_after_the_day_the_campaign_is_next_year():
    timing = campaign(date(2026, 12, 23), "12-22", delivery_days=1)
    assert timing.day == date(2027, 12, 22)


@pytest.mark.parametrize(("today", "lead_days", "misses"), [
    (date(2026, 12, 15), 5, False),  # latest day to order: 20 - 5 = 15th
    (date(2026, 12, 16), 5, True),
    (date(2026, 12, 20), 0, False),
    (date(2026, 12, 21), 0, True),
    (date(2026, 12, 22), 1, True),
])
def test_made_to_order_products_whose_lead_time_misses_the_day(today, lead_days, misses):
    assert campaign(today, "12-22", 1).misses(True, lead_days) is misses


def test_ready_products_miss_only_after_the_order_by_date():
    assert campaign(date(2026, 12, 20), "12-22", 1).misses(False, None) is False
    assert campaign(date(2026, 12, 21), "12-22", 1).misses(False, None) is True
    assert campaign(date(2026, 12, 21), "12-22", 1).days_left == 0


@pytest.mark.parametrize("text", ["22-12", "12/22", "", "02-30", "xx"])
def test_bad_campaign_day_is_refused(text):
    with pytest.raises(InvalidCampaignDay):
        parse_month_day(text)
