"""Ledger rules without a database: commission rounding, refunds, payouts, approvers."""
from decimal import Decimal

import pytest

from storefront.domain import ledger as rules


@pytest.mark.parametrize(("amount", "rate", "expected"), [
    (10_999, "0.05", 549),      # 549.95 rounds down: the fraction stays with the seller
    (100_000, "0.05", 5_000),
    (1, "0.5", 0),
    (3, "0.5", 1),
    (25_000, "0", 0),
    (25_000, "1", 25_000),
])
def test_commission_is_floored_to_the_rupiah(amount, rate, expected):
    assert rules.commission_for(amount, rules.parse_rate(rate)) == expected


@pytest.mark.parametrize("bad", ["-0.1", "1.5", "abc", "NaN", "Infinity"])
def test_bad_rates_are_refused(bad):
    with pytest.raises(rules.InvalidRate):
        rules.parse_rate(bad)


def test_empty_rate_is_zero():
    assert rules.parse_rate("") == Decimal(0)


@pytest.mark.parametrize("bad", [0, -5, 1.5, True, "100"])
def test_amounts_must_be_positive_whole_rupiah(bad):
    with pytest.raises(rules.InvalidAmount):
        rules.check_amount(bad)


def test_balance_is_the_sum():
    assert rules.balance([100, -5, -20, 7]) == 82
    assert rules.balance([]) == 0


def test_refund_cannot_exceed_what_is_left_of_the_sale():
    assert rules.check_refund(40, sold=100, refunded=60) == 40
    with pytest.raises(rules.RefundExceedsSale):
        rules.check_refund(41, sold=100, refunded=60)


def test_payout_never_more_than_owed():
    assert rules.check_payout(500, available=500) == 500
    with pytest.raises(rules.PayoutExceedsBalance) as info:
        rules.check_payout(501, available=500)
    assert info.value.available == 500


def test_second_approval_only_above_the_limit():
    assert not rules.needs_second_approval(1_000_000, 1_000_000)
    assert rules.needs_second_approval(1_000_001, 1_000_000)


def test_requester_cannot_approve_her_own_payout():
    assert rules.check_approver(1, 2) == 2
    with pytest.raises(rules.SameApprover):
        rules.check_approver(3, 3)


def test_commission_kept_shrinks_with_refunds_and_ends_at_zero():
    assert rules.commission_kept(549, 10_999, 10_999) == 549
    assert rules.commission_kept(549, 10_999, 5_000) == 249
    assert rules.commission_kept(549, 10_999, 0) == 0
