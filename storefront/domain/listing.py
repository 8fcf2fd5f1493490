"""The life of a product listing: statuses, allowed moves, and what needs review."""
from __future__ import annotations

import enum


class ListingStatus(enum.StrEnum):
    #: being written by the seller; never public
    DRAFT = "draft"
    #: submitted, waiting in the staff review queue
    PENDING_REVIEW = "pending_review"
    #: approved by staff; public while the shop is active
    APPROVED = "approved"
    #: staff asked for changes, with a reason the seller sees
    CHANGES_REQUESTED = "changes_requested"
    #: withdrawn by the seller; kept for order history
    ARCHIVED = "archived"


class InvalidListingMove(ValueError):
    """A listing was asked to move to a status it cannot reach from where it is."""


S = ListingStatus
#: Each status, with the statuses it may move to.
ALLOWED_MOVES: dict[ListingStatus, frozenset[ListingStatus]] = {
    S.DRAFT: frozenset({S.PENDING_REVIEW, S.ARCHIVED}),
    S.PENDING_REVIEW: frozenset({S.APPROVED, S.CHANGES_REQUESTED, S.DRAFT, S.ARCHIVED}),
    S.APPROVED: frozenset({S.PENDING_REVIEW, S.ARCHIVED}),
    S.CHANGES_REQUESTED: frozenset({S.PENDING_REVIEW, S.DRAFT, S.ARCHIVED}),
    S.ARCHIVED: frozenset({S.DRAFT}),
}

#: Fields whose change sends an approved product back to review.
REVIEWED_FIELDS = frozenset({
    "name", "description", "price", "photos", "category_id",
    "pirt_number", "pirt_in_process", "halal_status", "shelf_life_days", "allergens",
    "material", "size",
})


def check_move(current: ListingStatus, target: ListingStatus) -> ListingStatus:
    """Return ``target`` if the move is allowed, else raise ``InvalidListingMove``."""
    if target not in ALLOWED_MOVES[current]:
        raise InvalidListingMove(f"{current} -> {target}")
    return target


def needs_review(changed_fields: set[str]) -> bool:
    """True when an edit touches anything staff vouch for (not stock, not holiday mode)."""
    return bool(changed_fields & REVIEWED_FIELDS)
