"""Money when a seller order ends: cash collected per part, the sale in her ledger on
completion, a refund obligation when a part whose money is held is cancelled.
Order code talks to the payments, refunds and ledger services only."""
from __future__ import annotations

import sqlalchemy as sa

from storefront.accounts.models import User
from storefront.domain.order_states import SellerOrderStatus
from storefront.extensions import db
from storefront.ledger import services as ledger
from storefront.orders.models import CashHolder, SellerOrder
from storefront.payments import services as payments
from storefront.payments.models import PaymentMethod
from storefront.pickup.models import PickupParcel
from storefront.refunds import services as refunds

S = SellerOrderStatus

__all__ = ["CashHolder", "after_cancel", "bound_for_point", "record_completed"]


def bound_for_point(part: SellerOrder) -> bool:
    """Does the part go to a pickup point (so only the buyer's code hands it over)?"""
    return db.session.scalar(sa.select(PickupParcel.id)
                             .where(PickupParcel.seller_order_id == part.id)) is not None


def record_completed(part: SellerOrder, actor: User,
                     held_by: CashHolder = CashHolder.SELLER) -> None:
    """Handed over: for cash, who took this part's money; then the sale (less commission).

    Cash the seller took herself is written as already paid to her (she then owes the
    programme only the commission). Cash taken at a pickup point stays with the programme,
    which owes her the sale. The cash payment becomes paid once every live part's cash is
    collected, for the sum collected; cancelled parts are left out.
    """
    payment = payments.latest_for_order(part.order_id)
    cash = part.order.payment_method == PaymentMethod.CASH
    if cash:
        db.session.execute(sa.update(SellerOrder).where(SellerOrder.id == part.id)
                           .values(cash_held_by=held_by)
                           .execution_options(synchronize_session=False))
        db.session.refresh(part)
    note = "cash at pickup point" if cash and held_by == CashHolder.PICKUP_POINT else ""
    ledger.record_sale(part.shop_id, part.id, part.total, note=note)
    if cash and held_by == CashHolder.SELLER:
        ledger.record_cash_kept(part.shop_id, part.id, part.total)
    if cash and payment is not None:
        _settle_cash(part.order_id, payment, actor)


def _settle_cash(order_id: int, payment, actor: User) -> None:
    parts = db.session.scalars(sa.select(SellerOrder).where(SellerOrder.order_id == order_id)
                               .execution_options(populate_existing=True)).all()
    live = [p for p in parts if p.status != S.CANCELLED]
    if payment.method == PaymentMethod.CASH and live \
            and all(p.cash_held_by is not None for p in live):
        collected = sum(p.total for p in parts if p.cash_held_by is not None)
        payments.confirm_cash(payment, actor, amount=collected)


def after_cancel(part: SellerOrder, actor: User | None, reason: str) -> None:
    """A part was cancelled (by whoever won the move): owe its money back if it is held.

    For cash, the other parts may now all be collected, so the payment may be settled.
    """
    refunds.open_for_part(part, actor, reason)
    payment = payments.latest_for_order(part.order_id)
    if payment is not None and payment.method == PaymentMethod.CASH and actor is not None:
        _settle_cash(part.order_id, payment, actor)

