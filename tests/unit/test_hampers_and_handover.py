"""Pure rules: hamper shares and availability, handover codes."""
from datetime import datetime, timedelta

import pytest

from storefront.domain import handover
from storefront.domain.hampers import (
    BadShare,
    Part,
    SharesDoNotAddUp,
    TooFewSellers,
    check_shares,
    missing_parts,
)


def test_shares_must_add_up_to_the_price():
    assert check_shares(190000, {1: 30000, 2: 20000, 3: 140000}) == {1: 30000, 2: 20000, 3: 140000}
    with pytest.raises(SharesDoNotAddUp) as exc:
        check_shares(190000, {1: 30000, 2: 20000, 3: 139999})
    assert exc.value.total == 189999 and exc.value.price == 190000


@pytest.mark.parametrize("shares", [{}, {1: -1, 2: 1}, {1: 1.5, 2: 0}])
def test_bad_shares_are_refused(shares):
    with pytest.raises(BadShare):
        check_shares(0 if not shares else 0, shares)


def test_one_seller_is_not_a_hamper():
    with pytest.raises(TooFewSellers):
        check_shares(100, {1: 100})


def test_negative_price_refused():
    with pytest.raises(BadShare):
        check_shares(-1, {1: -1, 2: 0})


def _part(pid, **kw):
    base = {"product_id": pid, "quantity": 1, "approved": True, "shop_takes_orders": True,
            "stock": 5, "made_to_order": False}
    base.update(kw)
    return Part(**base)


def test_a_hamper_needs_every_part():
    assert missing_parts([_part(1), _part(2)]) == []
    assert missing_parts([_part(1), _part(2, approved=False)]) == [2]
    assert missing_parts([_part(1, shop_takes_orders=False), _part(2)]) == [1]
    assert missing_parts([_part(1, stock=1, quantity=2), _part(2)]) == [1]
    assert missing_parts([_part(1, stock=None, made_to_order=True)]) == []


NOW = datetime(2026, 12, 20, 9, 0)


def test_codes_are_six_digits():
    codes = {handover.new_code() for _ in range(200)}
    assert all(len(c) == 6 and c.isdigit() for c in codes)
    assert len(codes) > 150


def test_right_code_passes_even_with_spaces():
    handover.check(" 123 456 ", "123456", 0, None, NOW)


@pytest.mark.parametrize("given", ["123457", "1234567", "12345", "", None, "abcdef", "١٢٣٤٥٦"])
def test_wrong_codes_are_refused(given):
    with pytest.raises(handover.WrongCode) as exc:
        handover.check(given, "123456", 1, None, NOW)
    assert exc.value.left == handover.MAX_FAILURES - 2


def test_a_locked_order_refuses_even_the_right_code_until_it_expires():
    until = NOW + timedelta(minutes=5)
    with pytest.raises(handover.Locked):
        handover.check("123456", "123456", 0, until, NOW)
    handover.check("123456", "123456", 0, until, until + timedelta(seconds=1))
