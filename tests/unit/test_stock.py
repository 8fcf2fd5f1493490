"""Reservation plans, daily capacity and the earliest date for made-to-order items."""
from datetime import date

import pytest

from storefront.domain.stock import (
    MAX_LINE_QUANTITY,
    DateTooEarly,
    DateTooLate,
    OutOfStock,
    Request,
    cap_quantity,
    check_date,
    earliest_date,
    plan,
)


def test_plan_sorted_by_product_id():
    takes = plan([Request(9, "B", 1, stock=3), Request(2, "A", 2, stock=2)])
    assert [t.product_id for t in takes] == [2, 9]
    assert all(t.from_stock for t in takes)


def test_out_of_stock_names_the_line():
    with pytest.raises(OutOfStock) as info:
        plan([Request(1, "Sambal", 1, stock=5), Request(2, "Tenun", 3, stock=2)])
    assert info.value.name == "Tenun" and info.value.available == 2
    assert info.value.reason == "stock"


def test_capacity_counts_what_is_booked():
    assert plan([Request(1, "Kue", 2, daily_capacity=5, booked=3)])[0].from_stock is False
    with pytest.raises(OutOfStock) as info:
        plan([Request(1, "Kue", 3, daily_capacity=5, booked=3)])
    assert info.value.reason == "capacity" and info.value.available == 2


def test_repeated_product_lines_are_added_up():
    with pytest.raises(OutOfStock):
        plan([Request(1, "A", 2, stock=3), Request(1, "A", 2, stock=3)])


@pytest.mark.parametrize(("wanted", "stock", "cap", "expected"), [
    (5, 3, None, 3), (2, 3, None, 2), (10**9, 10**6, None, MAX_LINE_QUANTITY),
    (4, None, 2, 2), (1, 0, None, 0), (-4, 5, None, 0),
])
def test_cap_quantity(wanted, stock, cap, expected):
    assert cap_quantity(wanted, stock, cap) == expected


def test_earliest_date_and_check():
    today = date(2026, 12, 20)
    assert earliest_date(today, 2) == date(2026, 12, 22)
    assert check_date(date(2026, 12, 22), today, 2) == date(2026, 12, 22)
    with pytest.raises(DateTooEarly) as info:
        check_date(date(2026, 12, 21), today, 2)
    assert info.value.earliest == date(2026, 12, 22)


def test_wanted_dates_are_limited_to_60_days_ahead_by_default():
    today = date(2026, 12, 1)
    assert check_date(date(2027, 1, 30), today, 2) == date(2027, 1, 30)  # day 60
    with pytest.raises(DateTooLate) as info:
        check_date(date(2030, 12, 1), today, 2)
    assert (info.value.earliest, info.value.latest) == (date(2026, 12, 3), date(2027, 1, 30))
    with pytest.raises(DateTooLate):
        check_date(date(2027, 1, 31), today, 2)
    assert check_date(date(2026, 12, 8), today, 2, max_ahead_days=7) == date(2026, 12, 8)
    with pytest.raises(DateTooLate):
        check_date(date(2026, 12, 9), today, 2, max_ahead_days=7)
