"""Every pair of payment statuses: only the moves in the table are allowed."""
import itertools

import pytest

from storefront.domain.payment_states import (
    ALLOWED_MOVES,
    InvalidPaymentMove,
    PaymentStatus,
    check_move,
    late_payment_target,
)

S = PaymentStatus


@pytest.mark.parametrize(("current", "target"), list(itertools.product(S, S)))
def test_every_pair(current, target):
    if target in ALLOWED_MOVES[current]:
        assert check_move(current, target) == target
    else:
        with pytest.raises(InvalidPaymentMove):
            check_move(current, target)


def test_nothing_moves_backwards_to_pending():
    assert all(S.PENDING not in targets for targets in ALLOWED_MOVES.values())


@pytest.mark.parametrize(("current", "expected"), [
    (S.PENDING, S.PAID), (S.EXPIRED, S.NEEDS_REFUND), (S.FAILED, S.NEEDS_REFUND),
    (S.PAID, None), (S.NEEDS_REFUND, None), (S.REFUNDED, None),
])
def test_money_arriving(current, expected):
    assert late_payment_target(current) == expected
    if expected is not None:
        assert expected in ALLOWED_MOVES[current]
