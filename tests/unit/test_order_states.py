"""Every pair of seller order statuses: the allowed moves work, every other one raises."""
import itertools

import pytest

from storefront.domain.order_states import (
    ALLOWED_MOVES,
    InvalidTransition,
    OrderStatus,
    SellerOrderStatus,
    check_move,
    check_seller_move,
    order_status,
)

S = SellerOrderStatus
EXPECTED_ALLOWED = {
    (S.AWAITING_PAYMENT, S.NEW), (S.AWAITING_PAYMENT, S.CANCELLED),
    (S.NEW, S.ACCEPTED), (S.NEW, S.CANCELLED),
    (S.ACCEPTED, S.READY), (S.ACCEPTED, S.CANCELLED),
    (S.READY, S.COMPLETED), (S.READY, S.CANCELLED),
    (S.COMPLETED, S.CANCELLED),  # staff only: the money goes back to the buyer
}


@pytest.mark.parametrize(("current", "target"), list(itertools.product(S, S)))
def test_every_pair_of_statuses(current, target):
    if (current, target) in EXPECTED_ALLOWED:
        assert check_move(current, target) is target
    else:
        with pytest.raises(InvalidTransition):
            check_move(current, target)


def test_table_covers_every_status():
    assert set(ALLOWED_MOVES) == set(S)


@pytest.mark.parametrize(("current", "allowed"), [
    (S.AWAITING_PAYMENT, True), (S.NEW, True), (S.ACCEPTED, False), (S.READY, False),
    (S.COMPLETED, False),
])
def test_seller_cancels_only_before_accepting(current, allowed):
    if allowed:
        assert check_seller_move(current, S.CANCELLED) is S.CANCELLED
    else:
        with pytest.raises(InvalidTransition):
            check_seller_move(current, S.CANCELLED)


def test_seller_cannot_release_an_unpaid_order_herself():
    with pytest.raises(InvalidTransition):
        check_seller_move(S.AWAITING_PAYMENT, S.NEW)


def test_completed_back_to_new_is_refused():
    with pytest.raises(InvalidTransition):
        check_move(S.COMPLETED, S.NEW)


@pytest.mark.parametrize(("parts", "expected"), [
    ([S.AWAITING_PAYMENT, S.AWAITING_PAYMENT], OrderStatus.AWAITING_PAYMENT),
    ([S.NEW, S.AWAITING_PAYMENT], OrderStatus.IN_PROGRESS),
    ([S.ACCEPTED, S.READY], OrderStatus.IN_PROGRESS),
    ([S.READY, S.COMPLETED], OrderStatus.READY),
    ([S.COMPLETED, S.CANCELLED], OrderStatus.COMPLETED),
    ([S.CANCELLED, S.CANCELLED], OrderStatus.CANCELLED),
    ([S.READY, S.CANCELLED], OrderStatus.READY),
])
def test_order_status_is_derived_from_parts(parts, expected):
    assert order_status(parts) == expected
