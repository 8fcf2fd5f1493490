"""The expiry job and a late "paid" webhook racing on one payment, in two real sessions."""
import threading

import pytest

from storefront.domain.payment_states import PaymentStatus
from storefront.extensions import db
from storefront.payments import services
from storefront.payments.models import Payment, PaymentMethod


def _race(app, payment_id: int) -> dict:
    barrier = threading.Barrier(2)
    results: dict[str, object] = {}

    def run(name, action):
        with app.app_context():
            try:
                payment = db.session.get(Payment, payment_id)
                barrier.wait(timeout=10)
                results[name] = action(payment)
                db.session.commit()
            except Exception as exc:  # noqa: BLE001 - reported by the test
                results[name] = exc
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=("expire", services.mark_expired)),
               threading.Thread(target=run, args=("paid", lambda p: services.mark_paid(
                   p, payment_intent_id="pi_late")))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@pytest.mark.parametrize("round_", range(4))
def test_expiry_and_late_payment_never_both_win(app, make_payment, make_order, heard,
                                                round_):  # noqa: ARG001
    make_order(id=500, method=PaymentMethod.CARD)
    payment = make_payment(method=PaymentMethod.CARD, order_id=500)
    db.session.commit()
    results = _race(app, payment.id)
    assert not any(isinstance(r, Exception) for r in results.values()), results
    db.session.rollback()
    status = db.session.get(Payment, payment.id).status
    if status == PaymentStatus.PAID:
        assert results == {"paid": True, "expire": False}
        assert heard == [("paid", 500)]
    else:
        assert status == PaymentStatus.NEEDS_REFUND
        assert results == {"paid": True, "expire": True}
        assert heard == [("expired", 500), ("needs_refund", 500)]
