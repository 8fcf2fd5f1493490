"""``flask money check`` finds rows that break the money rules, and passes a clean database."""
import sqlalchemy as sa

from storefront.domain.order_states import SellerOrderStatus
from storefront.extensions import db
from storefront.orders.models import SellerOrder
from storefront.payments.models import PaymentMethod


def _check(app):
    return app.test_cli_runner().invoke(args=["money", "check"])


def test_clean_database_passes(app, make_payment):
    make_payment(method=PaymentMethod.BANK_TRANSFER)
    db.session.commit()
    result = _check(app)
    assert result.exit_code == 0, result.output
    assert "BROKEN" not in result.output


def test_a_paid_part_cancelled_without_a_refund_is_found(app, make_order, make_payment):
    order = make_order(total=40_000, status=SellerOrderStatus.NEW)
    make_payment(order_id=order.id, amount=40_000, status="paid")
    db.session.commit()
    assert _check(app).exit_code == 0
    # what the old cancel did: the part cancelled, the payment left as paid, nothing owed
    db.session.execute(sa.update(SellerOrder).where(SellerOrder.id == order.parts[0].id)
                       .values(status=SellerOrderStatus.CANCELLED))
    db.session.commit()
    result = _check(app)
    assert result.exit_code == 1
    assert "BROKEN paid_cancel_without_refund" in result.output
    assert f"'seller_order_id': {order.parts[0].id}" in result.output
    assert "BROKEN payment_amount_off" in result.output
