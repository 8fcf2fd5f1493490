"""Curation rules without a database: diffs, food rules, stale reviews, collection dates."""
from datetime import date

import pytest

from storefront.domain.curation import (
    FIELD_ORDER,
    Change,
    EditedMeanwhile,
    FoodProblem,
    FoodRulesNotMet,
    InvalidCollectionDates,
    NotPending,
    changes_since,
    check_collection_dates,
    check_food_rules,
    check_still_as_seen,
    collection_is_active,
    food_problems,
)
from storefront.domain.listing import REVIEWED_FIELDS, ListingStatus

BASE = {name: None for name in REVIEWED_FIELDS} | {"name": "Kue", "price": 20000, "photos": ["a"]}


def test_first_review_lists_no_changes():
    assert changes_since(None, BASE) == []


def test_only_changed_reviewed_fields_are_listed_in_display_order():
    now = BASE | {"price": 25000, "name": "Kue Lontar", "photos": ["a", "b"], "stock": 3}
    assert changes_since(BASE, now) == [Change("name", "Kue", "Kue Lontar"),
                                        Change("price", 20000, 25000),
                                        Change("photos", ["a"], ["a", "b"])]
    assert changes_since(BASE, dict(BASE)) == []


def test_field_order_covers_every_reviewed_field():
    assert set(FIELD_ORDER) == REVIEWED_FIELDS


@pytest.mark.parametrize(("pirt", "in_process", "shelf", "expected"), [
    ("P-IRT 2065371010123", False, 5, []),
    ("", True, 5, []),
    ("", False, 5, [FoodProblem.NO_PIRT]),
    ("   ", False, 5, [FoodProblem.NO_PIRT]),
    ("P-IRT 1", False, None, [FoodProblem.NO_SHELF_LIFE]),
    ("P-IRT 1", False, 0, [FoodProblem.NO_SHELF_LIFE]),
    ("", False, None, [FoodProblem.NO_PIRT, FoodProblem.NO_SHELF_LIFE]),
])
def test_food_rules(pirt, in_process, shelf, expected):
    assert food_problems(True, pirt, in_process, shelf) == expected
    if expected:
        with pytest.raises(FoodRulesNotMet) as raised:
            check_food_rules(True, pirt, in_process, shelf)
        assert raised.value.problems == expected
    else:
        check_food_rules(True, pirt, in_process, shelf)


def test_crafts_have_no_food_rules():
    assert food_problems(False, "", False, None) == []


def test_a_decision_applies_only_to_the_pending_version_seen():
    check_still_as_seen(ListingStatus.PENDING_REVIEW, 3, 3)
    with pytest.raises(EditedMeanwhile):
        check_still_as_seen(ListingStatus.PENDING_REVIEW, 4, 3)
    for status in set(ListingStatus) - {ListingStatus.PENDING_REVIEW}:
        with pytest.raises(NotPending):
            check_still_as_seen(status, 3, 3)


def test_collection_dates():
    check_collection_dates(None, None)
    check_collection_dates(date(2026, 12, 1), date(2026, 12, 1))
    check_collection_dates(None, date(2026, 12, 1))
    with pytest.raises(InvalidCollectionDates):
        check_collection_dates(date(2026, 12, 2), date(2026, 12, 1))


def test_collection_is_active_inclusive_of_both_days():
    start, end = date(2026, 12, 1), date(2026, 12, 22)
    assert not collection_is_active(start, end, date(2026, 11, 30))
    assert collection_is_active(start, end, start)
    assert collection_is_active(start, end, end)
    assert not collection_is_active(start, end, date(2026, 12, 23))
    assert collection_is_active(None, None, date(2030, 1, 1))
