"""The ledger against a real database: sales, commission, refunds, payouts, immutability."""
import pytest
import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st

from storefront.accounts.models import Role
from storefront.domain import ledger as rules
from storefront.domain.ledger import EntryKind
from storefront.extensions import db
from storefront.ledger import services
from storefront.ledger.models import LedgerEntry, LedgerEntryImmutable, PayoutStatus
from storefront.notifications.models import Notification


@pytest.fixture
def part(make_order):
    """``part(shop)``: the id of a real seller order of ``shop`` (the ledger's foreign key)."""
    return lambda shop: make_order(shop=shop).parts[0].id


def _sum(shop_id):
    return sum(e.amount for e in services.entries(shop_id))


def test_sale_with_commission_and_refunds(app, make_shop, part):
    app.config["COMMISSION_RATE"] = "0.05"
    shop = make_shop()
    so = part(shop)
    made = services.record_sale(shop.id, so, 10_999)
    assert [(e.kind, e.amount) for e in made] == [(EntryKind.SALE, 10_999),
                                                 (EntryKind.COMMISSION, -549)]
    assert services.balance(shop.id) == 10_450 == _sum(shop.id)
    services.record_refund(shop.id, so, 5_999)
    assert services.balance(shop.id) == 5_000 - 249 == _sum(shop.id)
    services.record_refund(shop.id, so, 5_000)
    assert services.balance(shop.id) == 0
    with pytest.raises(rules.RefundExceedsSale):
        services.record_refund(shop.id, so, 1)


def test_default_commission_is_zero_and_no_entry_is_written(make_shop, part):
    shop = make_shop()
    assert len(services.record_sale(shop.id, part(shop), 25_000)) == 1
    assert services.balance(shop.id) == 25_000


def test_a_sale_is_recorded_once(make_shop, part):
    shop = make_shop()
    so = part(shop)
    services.record_sale(shop.id, so, 25_000)
    with pytest.raises(rules.SaleAlreadyRecorded):
        services.record_sale(shop.id, so, 25_000)
    assert services.balance(shop.id) == 25_000


def test_refund_of_another_shops_order_is_refused(make_shop, part):
    mine, other = make_shop(), make_shop()
    so = part(other)
    services.record_sale(other.id, so, 25_000)
    with pytest.raises(rules.RefundExceedsSale):
        services.record_refund(mine.id, so, 1_000)


def test_entries_can_never_be_changed_or_deleted(make_shop, part):
    shop = make_shop()
    [entry] = services.record_sale(shop.id, part(shop), 25_000)
    db.session.commit()
    entry.amount = 1
    with pytest.raises(LedgerEntryImmutable):
        db.session.flush()
    db.session.rollback()
    db.session.delete(db.session.get(LedgerEntry, entry.id))
    with pytest.raises(LedgerEntryImmutable):
        db.session.flush()
    db.session.rollback()
    assert db.session.get(LedgerEntry, entry.id).amount == 25_000


def test_payout_under_the_limit_completes_at_once_and_tells_her(app, make_shop, make_user, part):
    app.config["PAYOUT_APPROVAL_LIMIT"] = 100_000
    shop, staff = make_shop(), make_user(Role.STAFF, permissions="finance")
    services.record_sale(shop.id, part(shop), 80_000)
    payout = services.request_payout(shop.id, 80_000, "BNTT-001", staff)
    assert payout.status == PayoutStatus.COMPLETED
    assert services.balance(shop.id) == 0
    assert db.session.scalar(sa.select(Notification.user_id)) == shop.owner_id
    with pytest.raises(rules.PayoutExceedsBalance):
        services.request_payout(shop.id, part(shop), "BNTT-002", staff)


def test_payout_over_the_limit_needs_a_second_different_staff_member(app, make_shop, make_user, part):
    app.config["PAYOUT_APPROVAL_LIMIT"] = 100_000
    shop = make_shop()
    first, second = make_user(Role.STAFF, permissions="finance"), make_user(Role.STAFF, permissions="finance")
    services.record_sale(shop.id, part(shop), 300_000)
    payout = services.request_payout(shop.id, 250_000, "BNTT-777", first)
    assert payout.status == PayoutStatus.AWAITING_APPROVAL
    assert services.balance(shop.id) == 300_000  # nothing left yet
    with pytest.raises(rules.SameApprover):
        services.approve_payout(payout, first)
    assert payout.status == PayoutStatus.AWAITING_APPROVAL
    assert services.balance(shop.id) == 300_000
    # the waiting payout is reserved: a second one cannot take the same money
    with pytest.raises(rules.PayoutExceedsBalance):
        services.request_payout(shop.id, 60_000, "BNTT-778", first)
    services.approve_payout(payout, second)
    assert payout.status == PayoutStatus.COMPLETED and payout.approved_by_id == second.id
    assert services.balance(shop.id) == 50_000 == _sum(shop.id)
    with pytest.raises(services.PayoutNotAwaiting):
        services.approve_payout(payout, second)


def test_approval_rechecks_the_balance(app, make_shop, make_user, part):
    app.config["PAYOUT_APPROVAL_LIMIT"] = 10
    shop = make_shop()
    first, second = (make_user(Role.STAFF, permissions="finance") for _ in range(2))
    so = part(shop)
    services.record_sale(shop.id, so, 100_000)
    payout = services.request_payout(shop.id, 100_000, "REF", first)
    services.record_refund(shop.id, so, 30_000)
    with pytest.raises(rules.PayoutExceedsBalance):
        services.approve_payout(payout, second)


OPS = st.lists(st.one_of(
    st.tuples(st.just("sale"), st.integers(1, 500_000)),
    st.tuples(st.just("cash"), st.integers(1, 500_000)),
    st.tuples(st.just("refund"), st.integers(0, 20), st.integers(1, 500_000)),
    st.tuples(st.just("cancel"), st.integers(0, 20)),
    st.tuples(st.just("payout"), st.integers(1, 600_000)),
    st.tuples(st.just("approve"), st.integers(0, 5)),
), max_size=15)


@given(ops=OPS, rate=st.sampled_from(["0", "0.05", "0.1", "0.333"]))
def test_balance_is_always_the_sum_and_never_pays_out_more_than_owed(
        app, make_shop, make_user, part, ops, rate):
    app.config.update(COMMISSION_RATE=rate, PAYOUT_APPROVAL_LIMIT=200_000)
    shop = make_shop()  # a fresh seller per example
    requester, approver = (make_user(Role.STAFF, permissions="finance") for _ in range(2))
    orders: list[int] = []
    waiting = []
    for op in ops:
        before = services.balance(shop.id)
        if op[0] == "sale":
            orders.append(part(shop))
            services.record_sale(shop.id, orders[-1], op[1])
        elif op[0] == "cash":  # she kept the buyer's cash: only the commission is owed back
            orders.append(part(shop))
            services.record_sale(shop.id, orders[-1], op[1])
            services.record_cash_kept(shop.id, orders[-1], op[1])
            commission = rules.commission_for(op[1], rules.parse_rate(rate))
            assert services.balance(shop.id) == before - commission
        elif op[0] in ("refund", "cancel") and orders:
            order = orders[op[1] % len(orders)]
            left = services.refundable(order)
            amount = left if op[0] == "cancel" else op[2]
            if 0 < amount <= left:
                services.record_refund(shop.id, order, amount)
            else:
                with pytest.raises(rules.LedgerError):
                    services.record_refund(shop.id, order, amount)
        elif op[0] == "payout":
            available = services.available(shop.id)
            if op[1] <= available:
                payout = services.request_payout(shop.id, op[1], "REF", requester)
                if payout.status == PayoutStatus.AWAITING_APPROVAL:
                    waiting.append(payout)
                else:
                    assert before >= op[1]  # she was owed at least this much
            else:
                with pytest.raises(rules.PayoutExceedsBalance):
                    services.request_payout(shop.id, op[1], "REF", requester)
        elif op[0] == "approve" and waiting:
            payout = waiting.pop(op[1] % len(waiting))
            try:
                services.approve_payout(payout, approver)
            except rules.PayoutExceedsBalance:
                services.cancel_payout(payout, approver)
            else:
                assert before - payout.amount >= 0
        assert services.balance(shop.id) == _sum(shop.id)
        assert services.available(shop.id) <= services.balance(shop.id)
    db.session.commit()
