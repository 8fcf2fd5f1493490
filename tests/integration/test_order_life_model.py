"""A model of the whole order life, driving the real services on SQLite and PostgreSQL.

Rules: check out with cash or transfer (one or two sellers), pay by staff confirmation,
expire, seller accept / ready / handover (twice, as a double tap), cancel by seller or
staff before and after payment, settle refunds, pay sellers out, use a set-password link
twice. After every step: ``flask money check``'s invariants hold, every product's stock
plus what is sold or reserved equals its first stock, and every shop's ledger balance is
its live sales less commission, less cash she kept, less payouts.
"""
from __future__ import annotations

import os

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from storefront.accounts import services as accounts
from storefront.accounts.models import Role, TokenPurpose, User
from storefront.catalog.models import Product
from storefront.checkout import services as checkout
from storefront.domain import ledger as rules
from storefront.domain.order_states import SELLER_NEXT_STEP, InvalidTransition
from storefront.domain.order_states import SellerOrderStatus as S
from storefront.domain.payment_states import PaymentStatus
from storefront.extensions import db
from storefront.ledger import services as ledger
from storefront.ledger.models import Payout, PayoutStatus
from storefront.orders import services as orders
from storefront.orders.models import CashHolder, OrderLine, SellerOrder
from storefront.payments import services as payments
from storefront.payments.models import Payment, PaymentMethod
from storefront.refunds import checks
from storefront.refunds import services as refunds
from storefront.refunds.models import ObligationStatus, RefundObligation
from tests.conftest import _truncate_all

STOCK = 6
#: Failures a rule may meet on purpose: a move that no longer fits, money already sent back.
REFUSED = (InvalidTransition, refunds.AlreadyRefunded, payments.PaymentNotOpen,
           accounts.TokenRefused, rules.LedgerError)


def _user(role: Role, name: str, **extra) -> User:
    user = User(name=name, role=role, phone=extra.pop("phone", None), **extra)
    db.session.add(user)
    db.session.flush()
    return user


class OrderLife(RuleBasedStateMachine):
    @initialize()
    def world(self):
        self.staff = _user(Role.STAFF, "Staf", permissions="finance")
        self.shops, self.products = [], []
        for n in range(2):
            owner = _user(Role.SELLER, f"Mama {n}", phone=f"+62813000000{n}")
            shop = self.make_shop(owner=owner)
            product = self.make_product(shop=shop, price=10_000 * (n + 1) + 500, stock=STOCK)
            self.shops.append(shop)
            self.products.append(product)
        db.session.flush()
        self.orders: list[int] = []
        self.link = accounts.issue_token(self.shops[0].owner, TokenPurpose.RESET, self.staff)

    def _act(self, action, *args, **kwargs):
        try:
            with db.session.begin_nested():
                action(*args, **kwargs)
        except REFUSED:
            pass

    def _part(self, n: int) -> SellerOrder | None:
        ids = db.session.scalars(sa.select(SellerOrder.id).where(
            SellerOrder.order_id.in_(self.orders)).order_by(SellerOrder.id)).all()
        return db.session.get(SellerOrder, ids[n % len(ids)]) if ids else None

    @rule(method=st.sampled_from([PaymentMethod.BANK_TRANSFER, PaymentMethod.CASH,
                                  PaymentMethod.BANK_TRANSFER]),
          which=st.sampled_from([(0,), (1,), (0, 1)]), quantity=st.integers(1, 3),
          pay_now=st.booleans())
    def check_out(self, method, which, quantity, pay_now):
        items = {self.products[i].id: (quantity, self.products[i].price) for i in which}
        try:
            with db.session.begin_nested():
                order = checkout.place_order(items, checkout.Buyer(name="Ibu", phone="+6281399990000"),
                                             {}, method)
                payment = checkout.pay_for(order, "http://localhost/")
        except checkout.OutOfStock:
            return
        self.orders.append(order.id)
        if pay_now and method == PaymentMethod.BANK_TRANSFER:
            self._act(payments.confirm_transfer, payment, self.staff)

    def _payment(self, n: int) -> Payment | None:
        if not self.orders:
            return None
        return payments.latest_for_order(self.orders[n % len(self.orders)])

    @rule(n=st.integers(0, 20))
    def staff_confirm_transfer(self, n):
        payment = self._payment(n)
        if payment is not None and payment.method == PaymentMethod.BANK_TRANSFER:
            self._act(payments.confirm_transfer, payment, self.staff)

    @rule(n=st.integers(0, 20))
    def expire(self, n):
        payment = self._payment(n)
        if payment is not None and payment.method == PaymentMethod.BANK_TRANSFER:
            self._act(payments.mark_expired, payment)

    @rule(n=st.integers(0, 20), twice=st.booleans())
    def seller_step(self, n, twice):
        part = self._part(n)
        if part is None or part.status not in SELLER_NEXT_STEP:
            return
        target = SELLER_NEXT_STEP[part.status]
        for _ in range(2 if twice else 1):
            self._act(orders.seller_move, part, target, part.shop.owner)

    @rule(n=st.integers(0, 20))
    def seller_hands_over(self, n):
        """Accept, ready and handed over in one go (the seller's whole day)."""
        part = self._part(n)
        while part is not None and part.status in SELLER_NEXT_STEP:
            before = part.status
            self._act(orders.seller_move, part, SELLER_NEXT_STEP[part.status], part.shop.owner)
            if part.status == before:
                break

    @rule(n=st.integers(0, 20), by_staff=st.booleans())
    def cancel(self, n, by_staff):
        part = self._part(n)
        if part is not None:
            actor = self.staff if by_staff else part.shop.owner
            self._act(orders.cancel, part, actor, "Bahan habis", by_staff=by_staff)

    @rule(n=st.integers(0, 20))
    def settle_refund(self, n):
        owed = refunds.open_obligations()
        if owed:
            self._act(refunds.settle, owed[n % len(owed)], self.staff, "BNTT-1")

    @rule(n=st.integers(0, 1))
    def payout(self, n):
        shop = self.shops[n]
        available = ledger.available(shop.id)
        if available > 0:
            self._act(ledger.request_payout, shop.id, min(available, 5_000), "BNTT", self.staff)

    @rule()
    def set_password_link_twice(self):
        for _ in range(2):
            self._act(accounts.redeem_token, self.link, "sandi-yang-panjang-1")

    # --- invariants ---------------------------------------------------------------------------

    @invariant()
    def money_check_passes(self):
        broken = {check.name: rows for check, rows in checks.run() if rows}
        assert not broken, broken

    @invariant()
    def stock_is_kept(self):
        for product in self.products:
            live = db.session.scalar(
                sa.select(sa.func.coalesce(sa.func.sum(OrderLine.quantity), 0))
                .join(SellerOrder, SellerOrder.id == OrderLine.seller_order_id)
                .where(OrderLine.product_id == product.id, SellerOrder.status != S.CANCELLED))
            stock = db.session.scalar(sa.select(Product.stock).where(Product.id == product.id))
            assert stock + live == STOCK

    @invariant()
    def ledger_balance_is_sales_less_commission_cash_and_payouts(self):
        rate = ledger.commission_rate()
        for shop in self.shops:
            parts = db.session.scalars(sa.select(SellerOrder).where(
                SellerOrder.shop_id == shop.id)).all()
            sold = sum(p.total - rules.commission_for(p.total, rate)
                       for p in parts if p.status == S.COMPLETED)
            kept = sum(p.total for p in parts if p.cash_held_by == CashHolder.SELLER)
            paid_out = db.session.scalar(sa.select(sa.func.coalesce(sa.func.sum(Payout.amount), 0))
                                         .where(Payout.shop_id == shop.id,
                                                Payout.status == PayoutStatus.COMPLETED))
            assert ledger.balance(shop.id) == sold - kept - paid_out

    @invariant()
    def every_obligation_settled_matches_a_refund(self):
        for owed in db.session.scalars(sa.select(RefundObligation).where(
                RefundObligation.status == ObligationStatus.REFUNDED)):
            assert owed.refund_id is not None or owed.payment.status == PaymentStatus.PENDING

    @invariant()
    def one_link_use(self):
        assert accounts.hash_token(self.link)  # the second use was refused (REFUSED above)


def _run(app, make_shop, make_product, examples: int, steps: int):
    app.config["COMMISSION_RATE"] = "0.05"

    class Machine(OrderLife):
        def __init__(self):
            super().__init__()
            self.make_shop, self.make_product = make_shop, make_product

        def teardown(self):
            db.session.rollback()
            _truncate_all()

    run_state_machine_as_test(Machine, settings=settings(
        max_examples=examples, stateful_step_count=steps, deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]))


def test_order_life_keeps_money_and_stock_right(app, make_shop, make_product):
    _run(app, make_shop, make_product,
         examples=int(os.environ.get("ORDER_LIFE_EXAMPLES", "200")), steps=8)


@pytest.mark.slow
def test_order_life_longer_run(app, make_shop, make_product):
    _run(app, make_shop, make_product, examples=1000, steps=15)
