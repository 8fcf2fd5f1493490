"""A model of the whole order life, driving the real services on SQLite and PostgreSQL.

Rules: check out with cash, transfer or card (one or two sellers, stock and made-to-order,
at the seller's or at a pickup point), pay by staff confirmation or by a signed Stripe
webhook (sent twice), expire, seller accept / ready / handover (twice, as a double tap),
accept and ready by a one-tap link used twice, receive at the point and hand over with
the right or a wrong code, cancel by seller or staff before and after payment, settle
refunds, pay sellers out, use a set-password link twice. After every step: ``flask money
check``'s invariants hold, every product's stock plus what is sold or reserved equals its
first stock, capacity bookings equal the live made-to-order lines, no pickup-point part is
completed without a handover by code, and every shop's ledger balance is its live sales
less commission, less cash she kept, less payouts.

The shops, products, staff and pickup point are made and committed once per test; each
example runs in the open transaction and is rolled back, so an example costs only its steps.
"""
from __future__ import annotations

import json
import os
from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask import current_app
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from storefront import clock
from storefront.accounts import services as accounts
from storefront.accounts.models import Role, TokenPurpose, User
from storefront.catalog.models import Product
from storefront.checkout import services as checkout
from storefront.domain import handover
from storefront.domain import ledger as rules
from storefront.domain.order_states import SELLER_NEXT_STEP, InvalidTransition
from storefront.domain.order_states import SellerOrderStatus as S
from storefront.domain.payment_states import PaymentStatus
from storefront.extensions import db
from storefront.ledger import services as ledger
from storefront.ledger.models import Payout, PayoutStatus
from storefront.orders import services as orders
from storefront.orders import tap_links
from storefront.orders.models import CapacityBooking, CashHolder, Order, OrderLine, SellerOrder
from storefront.payments import services as payments
from storefront.payments import webhooks
from storefront.payments.models import Payment, PaymentMethod
from storefront.payments.providers.stripe_checkout import StripeCheckout
from storefront.pickup import services as pickup
from storefront.pickup.models import PickupParcel, PickupPoint
from storefront.refunds import checks
from storefront.refunds import services as refunds
from storefront.refunds.models import ObligationStatus, RefundObligation
from storefront.shops.models import Shop
from tests.fakes.stripe_server import sign

STOCK = 6
#: The made-to-order product's daily capacity.
CAPACITY = 4
#: Failures a rule may meet on purpose: a move that no longer fits, money already sent back.
REFUSED = (InvalidTransition, refunds.AlreadyRefunded, payments.PaymentNotOpen,
           accounts.TokenRefused, rules.LedgerError, pickup.PickupError,
           handover.HandoverError, tap_links.LinkRefused)


def _user(role: Role, name: str, **extra) -> User:
    user = User(name=name, role=role, phone=extra.pop("phone", None), **extra)
    db.session.add(user)
    db.session.flush()
    return user


def _make_world(make_shop, make_product, make_pickup_point) -> dict:
    """Staff, two shops with a stocked product each, a made-to-order product, one point."""
    staff = _user(Role.STAFF, "Staf", permissions="finance")
    shops, products = [], []
    for n in range(2):
        owner = _user(Role.SELLER, f"Mama {n}", phone=f"+62813000000{n}")
        shop = make_shop(owner=owner)
        shops.append(shop)
        products.append(make_product(shop=shop, price=10_000 * (n + 1) + 500, stock=STOCK))
    products.append(make_product(shop=shops[1], price=15_000, made_to_order=True,
                                 lead_days=1, daily_capacity=CAPACITY))
    point = make_pickup_point(shops=shops)
    world = {"staff": staff.id, "shops": [s.id for s in shops],
             "products": [p.id for p in products], "point": point.id}
    db.session.commit()
    return world


class OrderLife(RuleBasedStateMachine):
    world: dict
    fake_stripe: object

    CHECKOUT = dict(method=st.sampled_from([PaymentMethod.BANK_TRANSFER, PaymentMethod.CASH,
                                            PaymentMethod.CARD]),
                    which=st.sampled_from([(0,), (1,), (0, 1), (2,), (0, 2), (1, 2)]),
                    quantity=st.integers(1, 3), at_point=st.booleans(), pay_now=st.booleans())

    @initialize(**CHECKOUT)
    def world_loaded(self, **first_order):
        """The committed world, and a first order, so eight steps reach its later life."""
        self.staff = db.session.get(User, self.world["staff"])
        self.shops = [db.session.get(Shop, i) for i in self.world["shops"]]
        self.products = [db.session.get(Product, i) for i in self.world["products"]]
        self.point = db.session.get(PickupPoint, self.world["point"])
        self.orders: list[int] = []
        self.link = accounts.issue_token(self.shops[0].owner, TokenPurpose.RESET, self.staff)
        self.check_out(**first_order)

    def _act(self, action, *args, **kwargs) -> bool:
        try:
            with db.session.begin_nested():
                action(*args, **kwargs)
        except REFUSED:
            return False
        return True

    def _part(self, n: int) -> SellerOrder | None:
        ids = db.session.scalars(sa.select(SellerOrder.id).where(
            SellerOrder.order_id.in_(self.orders)).order_by(SellerOrder.id)).all()
        return db.session.get(SellerOrder, ids[n % len(ids)]) if ids else None

    @rule(**CHECKOUT)
    def check_out(self, method, which, quantity, at_point, pay_now):
        items = {self.products[i].id: (quantity, self.products[i].price) for i in which}
        day = clock.today_local() + timedelta(days=1)
        choices = {shop.id: checkout.ShopChoice(wanted_date=day,
                                                pickup_point_id=self.point.id if at_point else None)
                   for shop in self.shops}
        try:
            with db.session.begin_nested():
                order = checkout.place_order(items, checkout.Buyer(name="Ibu", phone="+6281399990000"),
                                             choices, method)
                payment = checkout.pay_for(order, "http://localhost/")
        except checkout.OutOfStock:
            return
        self.orders.append(order.id)
        event(f"checkout {method.value}{' made-to-order' if 2 in which else ''}"
              f"{' at a point' if at_point else ''}")
        if pay_now and method == PaymentMethod.BANK_TRANSFER:
            self._act(payments.confirm_transfer, payment, self.staff)
        elif pay_now and method == PaymentMethod.CARD:
            self._stripe_says(payment, "checkout.session.completed")

    def _payment(self, n: int) -> Payment | None:
        if not self.orders:
            return None
        return payments.latest_for_order(self.orders[n % len(self.orders)])

    def _stripe_says(self, payment: Payment, kind: str) -> None:
        """Stripe's signed event, verified on its raw body as the webhook does, sent twice."""
        session = self.fake_stripe.pay(payment.provider_ref) if kind.endswith("completed") \
            else dict(self.fake_stripe.sessions[payment.provider_ref], status="expired")
        body = json.dumps(self.fake_stripe.event(kind, session))
        sent = StripeCheckout.from_config(current_app.config).parse_event(body.encode(), sign(body))
        first = webhooks.handle_event(sent)
        assert webhooks.handle_event(sent) == "duplicate"
        assert first in {"changed", "unchanged"}
        event(f"stripe {kind}: {first}, now {payment.status}")

    @rule(n=st.integers(0, 20))
    def staff_confirm_transfer(self, n):
        payment = self._payment(n)
        if payment is not None and payment.method == PaymentMethod.BANK_TRANSFER:
            self._act(payments.confirm_transfer, payment, self.staff)

    @rule(n=st.integers(0, 20), kind=st.sampled_from(["checkout.session.completed",
                                                      "checkout.session.expired"]))
    def stripe_webhook(self, n, kind):
        payment = self._payment(n)
        if payment is not None and payment.method == PaymentMethod.CARD:
            self._stripe_says(payment, kind)

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

    @rule(n=st.integers(0, 20), action=st.sampled_from(sorted(tap_links.ACTIONS)))
    def tap_link_twice(self, n, action):
        part = self._part(n)
        if part is None:
            return
        token = tap_links.make_token(part, action)
        event(f"tap link {action}: {'used' if self._act(tap_links.act, token) else 'refused'}")
        try:
            with db.session.begin_nested():
                tap_links.act(token)
        except tap_links.LinkRefused as refused:
            assert refused.code in {"used", "moved"}
        else:
            raise AssertionError("a tap link worked twice")

    @rule(n=st.integers(0, 20))
    def point_receives(self, n):
        parcels = pickup.parcels_at(self.point.id)
        if parcels:
            self._act(pickup.receive, parcels[n % len(parcels)], self.staff)

    @rule(n=st.integers(0, 20), right=st.booleans(), bring=st.booleans())
    def point_hands_over(self, n, right, bring):
        """The buyer comes with her code; with ``bring``, her sellers first make their parts
        ready and the point receives them (the day of a point, in one step)."""
        parcels = pickup.parcels_at(self.point.id)
        if not parcels:
            return
        order = db.session.get(Order, parcels[n % len(parcels)].order_id)
        parcels = [p for p in parcels if p.order_id == order.id]
        for parcel in parcels if bring else ():
            part = parcel.seller_order
            while part.status in SELLER_NEXT_STEP and SELLER_NEXT_STEP[part.status] != S.COMPLETED:
                if not self._act(orders.seller_move, part, SELLER_NEXT_STEP[part.status],
                                 part.shop.owner):
                    break
            self._act(pickup.receive, parcel, self.staff)
        code = pickup.code_of_order(order.id).code
        if right:
            done = self._act(pickup.hand_over, self.point, order, code, self.staff)
            event(f"right code: {'handed over' if done else 'refused'}")
            return
        wrong = code[:-1] + ("1" if code[-1] != "1" else "2")
        before = {p.seller_order_id: p.seller_order.status for p in parcels}
        try:  # a miss is counted and kept, as the view commits it
            pickup.hand_over(self.point, order, wrong, self.staff)
        except (handover.HandoverError, pickup.PickupError):
            pass
        else:
            raise AssertionError("a wrong code handed a parcel over")
        event("wrong code refused")
        after = {p.seller_order_id: p.seller_order.status for p in parcels}
        assert after == before

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
        for product in self.products[:2]:
            stock = db.session.scalar(sa.select(Product.stock).where(Product.id == product.id))
            assert stock + self._live(product.id) == STOCK

    def _live(self, product_id: int) -> int:
        return db.session.scalar(
            sa.select(sa.func.coalesce(sa.func.sum(OrderLine.quantity), 0))
            .join(SellerOrder, SellerOrder.id == OrderLine.seller_order_id)
            .where(OrderLine.product_id == product_id, SellerOrder.status != S.CANCELLED))

    @invariant()
    def capacity_is_the_live_made_to_order_lines(self):
        made = self.products[2]
        booked = db.session.scalar(sa.select(sa.func.coalesce(sa.func.sum(CapacityBooking.booked), 0))
                                   .where(CapacityBooking.product_id == made.id))
        assert booked == self._live(made.id) <= CAPACITY

    @invariant()
    def point_parts_complete_only_by_code(self):
        rows = db.session.execute(sa.select(SellerOrder.status, PickupParcel.handed_over_at)
                                  .join(PickupParcel, PickupParcel.seller_order_id == SellerOrder.id)
                                  .where(PickupParcel.point_id == self.point.id)).all()
        for status, handed_over_at in rows:  # staff may still cancel (and refund) after it
            assert handed_over_at is not None if status == S.COMPLETED else \
                handed_over_at is None or status == S.CANCELLED

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


def _run(app, make_shop, make_product, make_pickup_point, fake_stripe, examples: int, steps: int):
    app.config["COMMISSION_RATE"] = "0.05"
    world = _make_world(make_shop, make_product, make_pickup_point)

    class Machine(OrderLife):
        def __init__(self):
            super().__init__()
            self.world, self.fake_stripe = world, fake_stripe

        def teardown(self):
            db.session.rollback()  # back to the committed world

    run_state_machine_as_test(Machine, settings=settings(
        max_examples=examples, stateful_step_count=steps, deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]))


def test_order_life_keeps_money_and_stock_right(app, make_shop, make_product, make_pickup_point,
                                                fake_stripe):
    _run(app, make_shop, make_product, make_pickup_point, fake_stripe,
         examples=int(os.environ.get("ORDER_LIFE_EXAMPLES", "200")), steps=8)


@pytest.mark.slow
def test_order_life_longer_run(app, make_shop, make_product, make_pickup_point, fake_stripe):
    _run(app, make_shop, make_product, make_pickup_point, fake_stripe, examples=1000, steps=15)
