"""Erasure is complete: a buyer's transfer receipts leave the proof store (local or S3) when
staff erase her data or the 90-day purge runs, and the audit says so; a replaced receipt is
deleted once its replacement is stored."""
import io
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from storefront import clock
from storefront.accounts.models import Role
from storefront.audit.models import AuditEntry
from storefront.extensions import db
from storefront.payments import services
from storefront.payments.models import Payment, PaymentMethod
from storefront.payments.proofs import read_proof, save_proof
from storefront.privacy.services import erase_buyer, purge_old_contact_details
from tests.support import images

T0 = datetime(2026, 12, 1, 3, 0)


def _ended_order_with_receipt(make_product, place_order, phone="+6281377770000"):
    from storefront.domain.order_states import SellerOrderStatus as S
    from storefront.orders.services import release, seller_move

    clock.freeze(T0)
    order = place_order({make_product(stock=5): 1}, phone=phone)
    payment = services.start_payment(order.id, order.total, PaymentMethod.BANK_TRANSFER,
                                     description="Pesanan")
    services.attach_proof(payment, save_proof(images.photo_jpeg(800, 600)))
    for part in order.parts:
        release(part, None)
        for target in (S.ACCEPTED, S.READY, S.COMPLETED):
            seller_move(part, target, part.shop.owner)
    db.session.commit()
    return order, payment


@pytest.fixture(params=["local", "s3"])
def store(request, app):
    if request.param == "s3":
        request.getfixturevalue("s3_media")
    return request.param


def test_staff_erasure_deletes_her_receipts(store, make_product, place_order, make_user):
    order, payment = _ended_order_with_receipt(make_product, place_order)
    key = payment.proof_key
    assert read_proof(key) is not None
    erase_buyer("0813 7777 0000", make_user(Role.STAFF))
    db.session.commit()
    assert read_proof(key) is None and read_proof(key, "thumb") is None
    assert db.session.get(Payment, payment.id).proof_key is None
    audit = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "buyer.erase"))
    assert "proofs:1" in audit.subject


def test_the_purge_deletes_receipts_too(store, make_product, place_order):
    order, payment = _ended_order_with_receipt(make_product, place_order)
    key = payment.proof_key
    clock.freeze(T0 + timedelta(days=100))
    assert purge_old_contact_details() == 1
    db.session.commit()
    assert read_proof(key) is None
    assert db.session.scalar(sa.select(AuditEntry.subject).where(
        AuditEntry.action == "buyer.purge_proofs")).endswith("proofs:1")


def test_a_replaced_receipt_is_deleted(client, app, make_order):
    order = make_order(total=50_000)
    payment = services.start_payment(order.id, 50_000, PaymentMethod.BANK_TRANSFER,
                                     description="Pesanan")
    db.session.commit()
    keys = []
    for _ in range(2):
        client.post(f"/bayar/{payment.token}/bukti", content_type="multipart/form-data",
                    data={"photo": (io.BytesIO(images.photo_jpeg(640, 480)), "struk.jpg")})
        db.session.expire_all()
        keys.append(db.session.get(Payment, payment.id).proof_key)
    assert keys[0] and keys[1] and keys[0] != keys[1]
    assert read_proof(keys[0]) is None and read_proof(keys[1]) is not None
