"""mark_paid follows the domain's rule for money that arrives, whatever the payment's status."""
import pytest

from storefront.domain.payment_states import PaymentStatus, late_payment_target
from storefront.payments import services


@pytest.mark.parametrize("status", list(PaymentStatus))
def test_money_arriving_moves_a_payment_where_the_rule_says(make_payment, heard, status):
    payment = make_payment(status=status)
    expected = late_payment_target(status)
    assert services.mark_paid(payment) is (expected is not None)
    assert payment.status == (expected or status)
    assert len(heard) == (expected is not None)
