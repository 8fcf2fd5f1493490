"""Curation rules: what changed since the last approval, food rules, stale reviews, collections."""
from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from storefront.domain.listing import REVIEWED_FIELDS, ListingStatus

#: The order in which reviewed fields are shown to staff.
FIELD_ORDER = ("name", "price", "description", "photos", "category_id", "pirt_number",
               "pirt_in_process", "halal_status", "shelf_life_days", "allergens", "material",
               "size")
assert set(FIELD_ORDER) == REVIEWED_FIELDS


@dataclass(frozen=True)
class Change:
    """One reviewed field whose value differs from the last approved version."""

    field: str
    before: Any
    after: Any


def changes_since(approved: Mapping[str, Any] | None, current: Mapping[str, Any]) -> list[Change]:
    """Reviewed fields that differ between the last approved snapshot and now.

    With no approved snapshot (a first review) nothing is listed as changed.
    """
    if approved is None:
        return []
    return [Change(name, approved.get(name), current.get(name))
            for name in FIELD_ORDER if approved.get(name) != current.get(name)]


class FoodProblem(enum.StrEnum):
    #: neither a PIRT number nor a note that the PIRT application is in process
    NO_PIRT = "no_pirt"
    #: no shelf life given
    NO_SHELF_LIFE = "no_shelf_life"


class FoodRulesNotMet(ValueError):
    """A food product lacks what staff must see before approving it."""

    def __init__(self, problems: list[FoodProblem]):
        super().__init__(", ".join(problems))
        self.problems = problems


def food_problems(is_food: bool, pirt_number: str | None, pirt_in_process: bool,
                  shelf_life_days: int | None) -> list[FoodProblem]:
    """What stops a food product from being approved; always empty for crafts."""
    if not is_food:
        return []
    problems = []
    if not (pirt_number or "").strip() and not pirt_in_process:
        problems.append(FoodProblem.NO_PIRT)
    if not shelf_life_days or shelf_life_days <= 0:
        problems.append(FoodProblem.NO_SHELF_LIFE)
    return problems


def check_food_rules(is_food: bool, pirt_number: str | None, pirt_in_process: bool,
                     shelf_life_days: int | None) -> None:
    """Raise ``FoodRulesNotMet`` when a food product may not be approved."""
    problems = food_problems(is_food, pirt_number, pirt_in_process, shelf_life_days)
    if problems:
        raise FoodRulesNotMet(problems)


class NotPending(ValueError):
    """The product is no longer waiting for review (someone acted, or the seller withdrew it)."""


class EditedMeanwhile(ValueError):
    """The seller changed the product after the staff member opened it."""


def check_still_as_seen(status: ListingStatus, revision: int, seen_revision: int) -> None:
    """A review decision applies only to the pending version the staff member looked at."""
    if status != ListingStatus.PENDING_REVIEW:
        raise NotPending(status)
    if revision != seen_revision:
        raise EditedMeanwhile(f"{seen_revision} -> {revision}")


class InvalidCollectionDates(ValueError):
    """A collection's end date is before its start date."""


def check_collection_dates(starts_on: date | None, ends_on: date | None) -> None:
    if starts_on and ends_on and ends_on < starts_on:
        raise InvalidCollectionDates(f"{starts_on} > {ends_on}")


def collection_is_active(starts_on: date | None, ends_on: date | None, today: date) -> bool:
    """Shown from its start date through its end date (both optional, both inclusive)."""
    return (starts_on is None or starts_on <= today) and (ends_on is None or today <= ends_on)
