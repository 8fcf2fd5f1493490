"""Money when a seller order ends: the sale in her ledger on completion, the refund on a
staff cancellation. Order code talks to the payments and ledger services only."""
from __future__ import annotations

from storefront.accounts.models import User
from storefront.audit.services import record
from storefront.domain.order_states import SellerOrderStatus
from storefront.domain.payment_states import PaymentStatus
from storefront.ledger import services as ledger
from storefront.orders.models import SellerOrder
from storefront.payments import services as payments
from storefront.payments.models import PaymentMethod


def record_completed(part: SellerOrder, seller: User) -> None:
    """She handed it over: cash is confirmed by her, the sale (less commission) is written.

    For cash she kept the buyer's money herself, so the same amount is written as already
    paid to her: the programme then owes her nothing for it (or she owes the commission).
    """
    payment = payments.latest_for_order(part.order_id)
    if payment is not None and payment.method == PaymentMethod.CASH:
        payments.confirm_cash(payment, seller)
    ledger.record_sale(part.shop_id, part.id, part.total)
    if part.order.payment_method == PaymentMethod.CASH:
        ledger.record_cash_kept(part.shop_id, part.id, part.total)


def refund_cancelled(part: SellerOrder, staff: User, reason: str) -> None:
    """Staff cancel a part the buyer paid for: her money for that part goes back.

    Card: a Stripe refund of the part's amount. Transfer and cash: recorded as a manual
    refund. If the sale was in the seller's ledger, the refund is written there too.
    Raises ``ProviderError`` when Stripe refuses (the caller rolls back).
    """
    payment = payments.latest_for_order(part.order_id)
    if payment is None or payment.status != PaymentStatus.PAID:
        return
    if payment.method == PaymentMethod.CASH and part.status != SellerOrderStatus.COMPLETED:
        return  # she never took this part's cash
    amount = min(part.total, payment.refundable)
    if amount > 0:
        payments.refund(payment, amount, staff, reason)
    left = ledger.refundable(part.id)
    if left > 0:
        ledger.record_refund(part.shop_id, part.id, left, staff, reason)
        record(staff, "ledger.refund", shop_id=part.shop_id, subject=part.order.number,
               reason=reason)
