"""Placing an order: recompute everything from the database, take stock, split per shop.

All in the caller's one transaction: if any step raises, the view rolls back and
nothing was taken.  Stock is taken with conditional UPDATEs in product id order;
made-to-order capacity with a conditional UPDATE on one row per product and day.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager

from storefront import clock
from storefront.accounts.models import User
from storefront.catalog import freshness
from storefront.catalog.models import Product
from storefront.delivery.services import fees_to
from storefront.domain import splitting
from storefront.domain.areas import KOTA_KUPANG
from storefront.domain.listing import ListingStatus
from storefront.domain.order_states import SellerOrderStatus
from storefront.domain.stock import (
    MAX_AHEAD_DAYS,
    MAX_LINE_QUANTITY,
    DateOutOfRange,
    OutOfStock,
    Request,
    check_date,
    earliest_date,
    plan,
)
from storefront.extensions import db
from storefront.orders import services as order_services
from storefront.orders.models import (
    CapacityBooking,
    Fulfilment,
    Order,
    OrderCounter,
    OrderLine,
    PaymentMethod,
    SellerOrder,
)
from storefront.payments import services as payments
from storefront.payments import transfers
from storefront.payments.models import Payment
from storefront.pickup.checkout_hooks import route_to_points


class CheckoutError(ValueError):
    """Something the buyer must fix before the order can be placed."""


class EmptyCart(CheckoutError):
    pass


class NotForSale(CheckoutError):
    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


class ShopClosed(CheckoutError):
    """Suspended, or on holiday."""

    def __init__(self, shop_name: str):
        super().__init__(shop_name)
        self.shop_name = shop_name


class DeliveryNotOffered(CheckoutError):
    def __init__(self, shop_name: str):
        super().__init__(shop_name)
        self.shop_name = shop_name


def max_ahead_days() -> int:
    """How many days ahead a wanted date may be (setting WANTED_DATE_MAX_DAYS, 60 by default)."""
    return int(current_app.config.get("WANTED_DATE_MAX_DAYS", MAX_AHEAD_DAYS))


class DateNeeded(CheckoutError):
    """Made-to-order items need a wanted date, no earlier than ``earliest``."""

    def __init__(self, shop_name: str, earliest: date, latest: date | None = None):
        super().__init__(shop_name)
        self.shop_name = shop_name
        self.earliest = earliest
        #: the last day offered, when the chosen day was too far ahead
        self.latest = latest


class AddressNeeded(CheckoutError):
    pass


class PriceChanged(CheckoutError):
    """Prices changed since she added them; she must see them and confirm again."""

    def __init__(self, names: list[str]):
        super().__init__(", ".join(names))
        self.names = names


class BadQuantity(CheckoutError):
    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


@dataclass
class Buyer:
    name: str
    phone: str
    email: str = ""
    address: str = ""
    area: str = ""
    user: User | None = None


@dataclass
class ShopChoice:
    fulfilment: Fulfilment = Fulfilment.PICKUP
    wanted_date: date | None = None
    gift_note: str = ""
    #: a community pickup point instead of her place (pickup points feature)
    pickup_point_id: int | None = None


def place_order(items: Mapping[int, tuple[int, int]], buyer: Buyer,
                choices: Mapping[int, ShopChoice],
                payment_method: PaymentMethod = PaymentMethod.CASH) -> Order:
    """``items`` is ``{product_id: (quantity, price she saw)}``; nothing in it is trusted."""
    if not items:
        raise EmptyCart
    products = _load(items)
    today = clock.today_local()
    lines, requests, changed = [], [], []
    by_shop: dict[int, list[Product]] = {}
    for pid in sorted(items):
        quantity, seen = items[pid]
        product = products.get(pid)
        if product is None:
            raise NotForSale(str(pid))
        if not product.shop.takes_orders:
            raise ShopClosed(product.shop.name)
        if not 1 <= quantity <= MAX_LINE_QUANTITY:
            raise BadQuantity(product.name)
        if seen != product.price:
            changed.append(product.name)
        by_shop.setdefault(product.shop_id, []).append(product)
        lines.append(splitting.Line(pid, product.shop_id, product.shop.name, product.name,
                                    product.price, quantity))
    if changed:
        raise PriceChanged(changed)

    fees, dates = _fees_and_dates(by_shop, buyer, choices, today)
    for line in lines:
        product = products[line.product_id]
        day = dates.get(product.shop_id)
        requests.append(Request(product.id, product.name, line.quantity, product.stock,
                                product.daily_capacity,
                                _booked(product.id, day) if product.made_to_order else 0))
    takes = plan(requests)  # a first, friendly check; the UPDATEs below are the guard
    for take in takes:  # in product id order
        product = products[take.product_id]
        if take.from_stock:
            _take_stock(product, take.quantity)
        else:
            _book_capacity(product, dates[product.shop_id], take.quantity)

    drafts = splitting.split(lines, fees)
    order = Order(number=_next_number(), buyer_id=buyer.user.id if buyer.user else None,
                  buyer_name=buyer.name, buyer_phone=buyer.phone, buyer_email=buyer.email,
                  address=buyer.address if fees else "", delivery_area=buyer.area if fees else "",
                  payment_method=payment_method, total=splitting.grand_total(drafts))
    db.session.add(order)
    db.session.flush()
    for draft in drafts:
        chosen = choices.get(draft.shop_id) or ShopChoice()
        part = SellerOrder(
            order_id=order.id, shop_id=draft.shop_id,
            status=SellerOrderStatus.AWAITING_PAYMENT,
            fulfilment=Fulfilment.DELIVERY if draft.shop_id in fees else Fulfilment.PICKUP,
            delivery_fee=draft.delivery_fee, subtotal=draft.subtotal, total=draft.total,
            wanted_date=dates.get(draft.shop_id), gift_note=(chosen.gift_note or "")[:300])
        part.lines = [OrderLine(product_id=line.product_id, product_name=line.product_name,
                                shop_name=line.shop_name, unit_price=line.unit_price,
                                quantity=line.quantity,
                                made_to_order=products[line.product_id].made_to_order)
                      for line in draft.lines]
        order.parts.append(part)
    db.session.flush()
    # pickup points feature: parts whose buyer chose a community pickup point go there
    route_to_points(order, {sid: c.pickup_point_id for sid, c in choices.items()})
    for part in order.parts:
        order_services.record_placed(part, buyer.user)
        if payment_method == PaymentMethod.CASH:
            order_services.release(part, None, note="cash")
    db.session.flush()
    return order


def pay_for(order: Order, return_url: str, channel: str = "") -> Payment:
    """Start paying ``order`` by its method; the buyer comes back to ``return_url``.

    ``channel`` is the bank or e-wallet she chose for a Xendit method. Raises
    ``MethodNotEnabled``, ``AmountTooSmall`` or ``ProviderError`` (the caller rolls
    back, so the stock taken for the order returns too).
    """
    return payments.start_payment(order.id, order.total, order.payment_method,
                                  description=f"Pasar Ibu {order.number}",
                                  success_url=return_url, cancel_url=return_url,
                                  channel=channel, phone=order.buyer_phone,
                                  unique_code=transfers.unique_code_for(order.payment_method))


def _load(items) -> dict[int, Product]:
    """Approved products with their shop; the shop's state is checked by the caller."""
    rows = db.session.scalars(
        sa.select(Product).join(Product.shop)
        .where(Product.id.in_(list(items)), Product.status == ListingStatus.APPROVED)
        .options(contains_eager(Product.shop)))
    return {p.id: p for p in rows}


def _fees_and_dates(by_shop: dict[int, list[Product]], buyer: Buyer,
                    choices: Mapping[int, ShopChoice], today: date):
    delivering = [sid for sid in by_shop
                  if (choices.get(sid) or ShopChoice()).fulfilment == Fulfilment.DELIVERY]
    fees: dict[int, int] = {}
    if delivering:
        if buyer.area not in KOTA_KUPANG or not buyer.address.strip():
            raise AddressNeeded
        offered = fees_to(buyer.area, delivering)
        for sid in delivering:
            if sid not in offered:
                raise DeliveryNotOffered(by_shop[sid][0].shop.name)
            fees[sid] = offered[sid]
    dates: dict[int, date] = {}
    for sid, products in by_shop.items():
        made = [p for p in products if p.made_to_order]
        if not made:
            continue
        lead = max(p.lead_days or 0 for p in made)
        wanted = (choices.get(sid) or ShopChoice()).wanted_date
        if wanted is None:
            raise DateNeeded(products[0].shop.name, earliest_date(today, lead))
        try:
            dates[sid] = check_date(wanted, today, lead, max_ahead_days())
        except DateOutOfRange as exc:
            raise DateNeeded(products[0].shop.name, exc.earliest, exc.latest) from exc
    return fees, dates


def _booked(product_id: int, day: date | None) -> int:
    if day is None:
        return 0
    return db.session.scalar(sa.select(CapacityBooking.booked).where(
        CapacityBooking.product_id == product_id, CapacityBooking.day == day)) or 0


def _take_stock(product: Product, quantity: int) -> None:
    stock_left = db.session.scalar(
        sa.update(Product)
        .where(Product.id == product.id, Product.stock >= quantity)
        .values(stock=Product.stock - quantity)
        .returning(Product.stock)
        .execution_options(synchronize_session=False, **{freshness.STOCK_ONLY: True}))
    if stock_left is None:
        left = db.session.scalar(sa.select(Product.stock).where(Product.id == product.id))
        raise OutOfStock(product.id, product.name, quantity, left or 0, "stock")
    if stock_left == 0:
        freshness.mark_changed(db.session)  # listings now say "sold out"


def _book_capacity(product: Product, day: date, quantity: int) -> None:
    exists = db.session.scalar(sa.select(CapacityBooking.id).where(
        CapacityBooking.product_id == product.id, CapacityBooking.day == day))
    if exists is None:
        try:
            with db.session.begin_nested():
                db.session.add(CapacityBooking(shop_id=product.shop_id, product_id=product.id,
                                               day=day, booked=0))
        except IntegrityError:
            pass  # another checkout made the row first; the UPDATE below still guards
    result = db.session.execute(
        sa.update(CapacityBooking)
        .where(CapacityBooking.product_id == product.id, CapacityBooking.day == day,
               CapacityBooking.booked + quantity <= product.daily_capacity)
        .values(booked=CapacityBooking.booked + quantity)
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        raise OutOfStock(product.id, product.name, quantity,
                         (product.daily_capacity or 0) - _booked(product.id, day), "capacity")


def _next_number() -> str:
    """``PI-YYMM-NNNN``: a sequence per month (Kupang time), guarded by one counter row."""
    period = (clock.now() + clock.WITA).strftime("%y%m")
    bump = (sa.update(OrderCounter).where(OrderCounter.period == period)
            .values(last=OrderCounter.last + 1).returning(OrderCounter.last)
            .execution_options(synchronize_session=False))
    last = db.session.execute(bump).scalar()
    if last is None:
        try:
            with db.session.begin_nested():
                db.session.add(OrderCounter(period=period, last=0))
        except IntegrityError:
            pass
        last = db.session.execute(bump).scalar_one()
    return f"PI-{period}-{last:04d}"
