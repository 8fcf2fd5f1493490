"""Refunds of Xendit payments: a cancelled paid part is owed back (the ledger follows at once),
then staff settle it from "Uang yang harus dikembalikan": through Xendit's refund API where
the channel allows it (QRIS, e-wallets), recorded by hand elsewhere (virtual accounts)."""
import sqlalchemy as sa

from storefront.accounts.models import Role
from storefront.audit.models import AuditEntry
from storefront.domain.ledger import EntryKind
from storefront.domain.payment_states import PaymentStatus
from storefront.extensions import db
from storefront.ledger import services as ledger
from storefront.payments.models import PaymentRefund
from storefront.refunds.models import ObligationStatus, RefundObligation
from tests.functional import test_checkout_payments as checkout_tests
from tests.functional.test_checkout_payments import _complete, _ledger, _order, _payment, buy
from tests.paytools import post_callback

#: Two sellers, one product each (stock 5): Rp 30.000 × 2 and Rp 45.000 × 1.
two_sellers = checkout_tests.two_sellers


def _paid(client, fake_xendit, cart, method: str, **extra):
    buy(client, cart, method, **extra)
    payment = _payment(_order())
    post_callback(client, fake_xendit.pay(payment.provider_ref, send=False))
    return _order()


def _owed() -> RefundObligation:
    return db.session.scalar(sa.select(RefundObligation))


def test_cancelling_a_completed_qris_part_refunds_it_at_xendit_and_in_the_ledger(
        client, login, app, fake_xendit, make_user, two_sellers):
    app.config["COMMISSION_RATE"] = "0.1"
    shops, cart = two_sellers
    order = _paid(client, fake_xendit, cart, "qris")
    first = order.parts[0]
    _complete(client, login, first)
    login(make_user(Role.STAFF))
    assert client.post(f"/staf/pesanan/{first.id}/batal",
                       data={"reason": "Kue rusak"}).status_code == 302
    assert fake_xendit.posts("/refunds") == []  # owed first, sent from the staff queue
    assert "Kembalikan lewat layanan pembayaran" in client.get("/staf/pengembalian/").get_data(
        as_text=True)
    assert client.post(f"/staf/pengembalian/{_owed().id}", data={}).status_code == 302
    payment = _payment(_order())
    [call] = fake_xendit.posts("/refunds")
    assert call.body["payment_request_id"] == payment.provider_ref
    assert call.body["amount"] == 60_000 and call.body["currency"] == "IDR"
    assert call.idempotency_key == f"pasar-ibu-refund-{payment.id}-1"
    row = db.session.scalar(sa.select(PaymentRefund))
    assert (row.amount, row.manual) == (60_000, False) and row.provider_ref.startswith("rfd-fake-")
    assert payment.refunded_amount == 60_000 and payment.status == PaymentStatus.PAID
    assert _ledger(shops[0].id) == [(EntryKind.SALE, 60_000), (EntryKind.COMMISSION, -6_000),
                                    (EntryKind.REFUND, -60_000), (EntryKind.COMMISSION, 6_000)]
    assert ledger.balance(shops[0].id) == 0
    assert "payment.refund" in set(db.session.scalars(sa.select(AuditEntry.action)))


def test_a_virtual_account_refund_is_recorded_by_hand_without_calling_xendit(
        client, login, fake_xendit, make_user, two_sellers):
    _shops, cart = two_sellers
    order = _paid(client, fake_xendit, cart, "va", va_bank="MANDIRI")
    login(make_user(Role.STAFF))
    client.post(f"/staf/pesanan/{order.parts[1].id}/batal", data={"reason": "Penjual sakit"})
    client.post(f"/staf/pengembalian/{_owed().id}", data={"reference": ""})
    assert _owed().status == ObligationStatus.OPEN  # by hand: the transfer's reference first
    client.post(f"/staf/pengembalian/{_owed().id}", data={"reference": "MANDIRI-778"})
    assert fake_xendit.posts("/refunds") == []
    assert _owed().status == ObligationStatus.REFUNDED
    row = db.session.scalar(sa.select(PaymentRefund))
    assert (row.amount, row.manual, row.provider_ref) == (45_000, True, "")
    assert "payment.refund_manual" in set(db.session.scalars(sa.select(AuditEntry.action)))


def test_xendit_refusing_the_refund_keeps_it_owed(client, login, fake_xendit, make_user,
                                                  two_sellers):
    _shops, cart = two_sellers
    order = _paid(client, fake_xendit, cart, "ewallet", ewallet="DANA")
    login(make_user(Role.STAFF))
    client.post(f"/staf/pesanan/{order.parts[1].id}/batal", data={"reason": "Penjual sakit"})
    fake_xendit.fail_next(3, status=400)
    client.post(f"/staf/pengembalian/{_owed().id}", data={})
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PaymentRefund)) == 0
    assert _owed().status == ObligationStatus.OPEN  # still in the queue, to try again
    fake_xendit.recover()
    client.post(f"/staf/pengembalian/{_owed().id}", data={})
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PaymentRefund)) == 1
    assert _owed().status == ObligationStatus.REFUNDED
