"""Words people read for order statuses and fulfilment."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from storefront.domain.order_states import OrderStatus, SellerOrderStatus
from storefront.orders.models import Fulfilment, PaymentMethod

_SELLER = {
    SellerOrderStatus.AWAITING_PAYMENT: _l("Waiting for payment"),
    SellerOrderStatus.NEW: _l("New"),
    SellerOrderStatus.ACCEPTED: _l("Accepted, being prepared"),
    SellerOrderStatus.READY: _l("Ready"),
    SellerOrderStatus.COMPLETED: _l("Handed over"),
    SellerOrderStatus.CANCELLED: _l("Cancelled"),
}
_ORDER = {
    OrderStatus.AWAITING_PAYMENT: _l("Waiting for payment"),
    OrderStatus.IN_PROGRESS: _l("Being prepared"),
    OrderStatus.READY: _l("Ready"),
    OrderStatus.COMPLETED: _l("Completed"),
    OrderStatus.CANCELLED: _l("Cancelled"),
}
#: The button a seller taps to move her order one step on.
ACTIONS = {
    SellerOrderStatus.ACCEPTED: _l("Accept order"),
    SellerOrderStatus.READY: _l("Mark as ready"),
    SellerOrderStatus.COMPLETED: _l("Mark as handed over"),
}
_FULFILMENT = {
    Fulfilment.PICKUP: _l("Pickup at the seller's place"),
    Fulfilment.DELIVERY: _l("Delivery by the seller"),
}

_METHOD = {
    PaymentMethod.CARD: _l("Card, on Stripe's secure page"),
    PaymentMethod.BANK_TRANSFER: _l("Bank transfer or QRIS"),
    PaymentMethod.CASH: _l("Cash when you pick up or receive it"),
    PaymentMethod.QRIS: _l("QRIS: scan with any bank or e-wallet app"),
    PaymentMethod.VA: _l("Virtual account: transfer from your bank, confirmed at once"),
    PaymentMethod.EWALLET: _l("E-wallet"),
}


def method_label(method: PaymentMethod) -> str:
    return str(_METHOD[method])


def status_label(status: SellerOrderStatus) -> str:
    return str(_SELLER[status])


def order_status_label(status: OrderStatus) -> str:
    return str(_ORDER[status])


def action_label(target: SellerOrderStatus) -> str:
    return str(ACTIONS[target])


def fulfilment_label(fulfilment: Fulfilment) -> str:
    return str(_FULFILMENT[fulfilment])
