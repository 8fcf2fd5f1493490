import itertools

import pytest

from storefront.domain.listing import (
    ALLOWED_MOVES,
    InvalidListingMove,
    ListingStatus,
    check_move,
    needs_review,
)

PAIRS = list(itertools.product(ListingStatus, ListingStatus))


@pytest.mark.parametrize("current, target", PAIRS)
def test_every_pair_of_listing_statuses(current, target):
    if target in ALLOWED_MOVES[current]:
        assert check_move(current, target) is target
    else:
        with pytest.raises(InvalidListingMove):
            check_move(current, target)


def test_only_review_can_make_a_listing_public():
    reaching_approved = {s for s, targets in ALLOWED_MOVES.items() if ListingStatus.APPROVED in targets}
    assert reaching_approved == {ListingStatus.PENDING_REVIEW}


@pytest.mark.parametrize("fields, expected", [
    ({"stock"}, False), ({"on_holiday"}, False), (set(), False),
    ({"price"}, True), ({"name", "stock"}, True), ({"photos"}, True), ({"pirt_number"}, True),
])
def test_what_needs_review(fields, expected):
    assert needs_review(fields) is expected
