"""Buying a hamper: every component taken in one transaction, one seller order per seller.

Stock and capacity are taken with the checkout's own conditional UPDATEs, in product id
order, so a hamper is never sold without all its parts and single products that share a
component can never oversell it.  Each seller order's amount is that seller's share.
"""
from __future__ import annotations

from datetime import date

from storefront import clock
from storefront.checkout import services as checkout
from storefront.checkout.services import Buyer, CheckoutError
from storefront.domain.order_states import SellerOrderStatus
from storefront.domain.stock import MAX_LINE_QUANTITY, DateOutOfRange, check_date, earliest_date
from storefront.extensions import db
from storefront.hampers import services as hampers
from storefront.hampers.models import Hamper, HamperOrderPart
from storefront.orders import services as order_services
from storefront.orders.models import Fulfilment, Order, OrderLine, PaymentMethod, SellerOrder
from storefront.pickup import services as pickup


class HamperUnavailable(CheckoutError):
    """Archived, or a component cannot be had now."""


class HamperPriceChanged(CheckoutError):
    pass


class HamperBadQuantity(CheckoutError):
    pass


class HamperDateNeeded(CheckoutError):
    def __init__(self, earliest: date, latest: date | None = None):
        super().__init__(earliest)
        self.earliest = earliest
        #: the last day offered, when the chosen day was too far ahead
        self.latest = latest


def place_hamper_order(hamper_id: int, quantity: int, price_seen: int, buyer: Buyer, *,
                       wanted_date: date | None = None, gift_note: str = "") -> Order:
    hamper = hampers.get(hamper_id)
    if hamper is None or not hampers.is_available(hamper):
        raise HamperUnavailable(hamper_id)
    if not 1 <= quantity <= MAX_LINE_QUANTITY:
        raise HamperBadQuantity(quantity)
    if price_seen != hamper.price:
        raise HamperPriceChanged(hamper.name)
    day = _ready_day(hamper, wanted_date)

    for comp in hamper.components:  # ordered by product id: locks in id order
        units = comp.quantity * quantity
        if comp.product.made_to_order:
            checkout._book_capacity(comp.product, day, units)
        else:
            checkout._take_stock(comp.product, units)

    order = Order(number=checkout._next_number(), buyer_id=buyer.user.id if buyer.user else None,
                  buyer_name=buyer.name, buyer_phone=buyer.phone, buyer_email=buyer.email,
                  payment_method=PaymentMethod.CASH, total=hamper.price * quantity)
    db.session.add(order)
    db.session.flush()
    by_shop: dict[int, list] = {}
    for comp in hamper.components:
        by_shop.setdefault(comp.product.shop_id, []).append(comp)
    for shop_id, comps in by_shop.items():
        subtotal = sum(c.unit_share * c.quantity for c in comps) * quantity
        part = SellerOrder(order_id=order.id, shop_id=shop_id,
                           status=SellerOrderStatus.AWAITING_PAYMENT, fulfilment=Fulfilment.PICKUP,
                           delivery_fee=0, subtotal=subtotal, total=subtotal, wanted_date=day,
                           gift_note=(gift_note or "")[:300])
        part.lines = [OrderLine(product_id=c.product_id,
                                product_name=f"{c.product.name} ({hamper.name})"[:120],
                                shop_name=c.product.shop.name, unit_price=c.unit_share,
                                quantity=c.quantity * quantity,
                                made_to_order=c.product.made_to_order) for c in comps]
        order.parts.append(part)
    db.session.flush()
    for part in order.parts:
        db.session.add(HamperOrderPart(seller_order_id=part.id, hamper_id=hamper.id,
                                       quantity=quantity))
        pickup.send_to_point(order, part, hamper.point_id, check_shop=False)
        order_services.record_placed(part, buyer.user)
        order_services.release(part, None, note="cash")
    db.session.flush()
    return order


def _ready_day(hamper: Hamper, wanted: date | None) -> date | None:
    """The day the hamper must be ready; needed when any component is made to order."""
    if not any(c.product.made_to_order for c in hamper.components):
        return None
    today = clock.today_local()
    lead = hampers.lead_days(hamper)
    if wanted is None:
        raise HamperDateNeeded(earliest_date(today, lead))
    try:
        return check_date(wanted, today, lead, checkout.max_ahead_days())
    except DateOutOfRange as exc:
        raise HamperDateNeeded(exc.earliest, exc.latest) from exc
