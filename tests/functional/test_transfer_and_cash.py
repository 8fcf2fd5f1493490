"""Transfer/QRIS with a proof photo and staff confirmation; cash confirmed by the seller.

Both end with the seller's ledger entries once the (future) order is completed.
"""
import io

import pytest
import sqlalchemy as sa
from PIL import Image

from storefront.accounts.models import Role
from storefront.audit.models import AuditEntry
from storefront.domain.payment_states import PaymentStatus
from storefront.extensions import db
from storefront.ledger import services as ledger
from storefront.payments import services
from storefront.payments.models import Payment, PaymentMethod
from storefront.payments.proofs import proof_root, read_proof

#: money: transfer and cash confirmations; see tests/conftest.py
pytestmark = pytest.mark.both_databases


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 500), (200, 120, 40)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def transfer(app, make_order):
    make_order(id=77, total=123_000)
    app.config.update(PAYMENT_METHODS=("bank_transfer", "cash"), PAYMENT_BANK_ACCOUNT="0123456789",
                      PAYMENT_QRIS_PAYLOAD="00020101021126570011ID.CO.QRIS.WWW")
    payment = services.start_payment(77, 123_000, PaymentMethod.BANK_TRANSFER,
                                     description="Pesanan #77")
    db.session.commit()
    return payment


def _fresh(payment_id):
    db.session.rollback()
    return db.session.get(Payment, payment_id)


def test_buyer_sees_account_exact_amount_and_qris(client, transfer):
    page = client.get(f"/bayar/{transfer.token}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "0123456789" in html and "Rp 123.000" in html
    assert 'src="/bayar/qris.svg"' in html
    qris = client.get("/bayar/qris.svg")
    assert qris.status_code == 200 and qris.mimetype == "image/svg+xml"
    assert transfer.expires_at is not None


def test_unknown_token_is_404(client, transfer):
    assert client.get("/bayar/not-a-token").status_code == 404
    assert client.post("/bayar/not-a-token/bukti").status_code == 404


def test_transfer_path_proof_then_staff_confirms_then_ledger(client, login, transfer, make_user,
                                                             make_shop, make_order, heard, app):
    reply = client.post(f"/bayar/{transfer.token}/bukti",
                        data={"photo": (io.BytesIO(_png()), "bukti.png")},
                        content_type="multipart/form-data")
    assert reply.status_code == 302
    payment = _fresh(transfer.id)
    assert payment.proof_key and read_proof(payment.proof_key) is not None
    staff = make_user(Role.STAFF)
    db.session.commit()
    login(staff)
    queue = client.get("/staf/pembayaran/").get_data(as_text=True)
    assert f"/staf/pembayaran/bukti/{transfer.id}" in queue
    image = client.get(f"/staf/pembayaran/bukti/{transfer.id}")
    assert image.status_code == 200 and image.mimetype == "image/webp"
    assert "no-store" in image.headers["Cache-Control"]
    assert client.post(f"/staf/pembayaran/{transfer.id}/konfirmasi").status_code == 302
    assert client.post(f"/staf/pembayaran/{transfer.id}/konfirmasi").status_code == 302
    payment = _fresh(transfer.id)
    assert payment.status == PaymentStatus.PAID and payment.confirmed_by_id == staff.id
    assert heard == [("paid", 77)]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)
                             .where(AuditEntry.action == "payment.confirm")) == 1
    # the orders feature calls this when the seller completes her part
    app.config["COMMISSION_RATE"] = "0.1"
    shop = make_shop()
    ledger.record_sale(shop.id, make_order(shop=shop).parts[0].id, 123_000)
    assert [e.amount for e in ledger.entries(shop.id)] == [123_000, -12_300]


def test_staff_rejects_a_proof_and_the_buyer_can_send_another(client, login, transfer, make_user):
    client.post(f"/bayar/{transfer.token}/bukti", data={"photo": (io.BytesIO(_png()), "a.png")},
                content_type="multipart/form-data")
    staff = make_user(Role.STAFF)
    db.session.commit()
    login(staff)
    reply = client.post(f"/staf/pembayaran/{transfer.id}/tolak", data={"reason": "Jumlahnya beda"})
    assert reply.status_code == 302
    payment = _fresh(transfer.id)
    assert payment.status == PaymentStatus.PENDING and payment.proof_key is None
    client.post("/akun/keluar")
    page = client.get(f"/bayar/{transfer.token}").get_data(as_text=True)
    assert "Jumlahnya beda" in page
    assert client.post(f"/bayar/{transfer.token}/bukti",
                       data={"photo": (io.BytesIO(_png()), "b.png")},
                       content_type="multipart/form-data").status_code == 302
    assert _fresh(transfer.id).proof_key


@pytest.mark.parametrize(("data", "name"), [
    (b"%PDF-1.4 not a photo", "bukti.jpg"),
    (b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", "bukti.png"),
    (b"", "kosong.jpg"),
])
def test_proof_that_is_not_a_photo_is_refused_and_nothing_is_kept(client, transfer, data, name,
                                                                  app):
    def stored():
        return sorted(proof_root().rglob("*.webp")) if proof_root().exists() else []

    before = stored()
    reply = client.post(f"/bayar/{transfer.token}/bukti",
                        data={"photo": (io.BytesIO(data), name)},
                        content_type="multipart/form-data")
    assert reply.status_code == 400
    assert "class=\"error\"" in reply.get_data(as_text=True)
    assert _fresh(transfer.id).proof_key is None
    assert stored() == before


def test_proof_refused_once_paid(client, transfer, make_user):
    payment = _fresh(transfer.id)
    services.confirm_transfer(payment, make_user(Role.STAFF))
    db.session.commit()
    reply = client.post(f"/bayar/{transfer.token}/bukti",
                        data={"photo": (io.BytesIO(_png()), "a.png")},
                        content_type="multipart/form-data")
    assert reply.status_code == 302
    assert _fresh(transfer.id).proof_key is None


def test_cash_path_seller_confirms_then_ledger(app, make_shop, make_order, heard):
    app.config["PAYMENT_METHODS"] = ("cash",)
    shop = make_shop()
    make_order(id=88, total=40_000, method=PaymentMethod.CASH)
    payment = services.start_payment(88, 40_000, PaymentMethod.CASH, description="Pesanan #88")
    assert payment.expires_at is None
    assert services.confirm_cash(payment, shop.owner)
    assert services.confirm_cash(payment, shop.owner) is False
    assert payment.status == PaymentStatus.PAID and payment.confirmed_by_id == shop.owner_id
    with pytest.raises(services.PaymentNotOpen):
        services.confirm_transfer(payment, shop.owner)
    ledger.record_sale(shop.id, make_order(shop=shop).parts[0].id, 40_000)
    assert ledger.balance(shop.id) == 40_000
    assert heard == [("paid", 88)]


def test_manual_refund_for_transfer_is_recorded_without_a_provider(transfer, make_user):
    payment = _fresh(transfer.id)
    staff = make_user(Role.STAFF)
    services.confirm_transfer(payment, staff)
    row = services.refund(payment, 23_000, staff, "satu barang habis")
    assert row.manual and row.provider_ref == ""
    assert payment.refunded_amount == 23_000
    assert db.session.scalar(sa.select(AuditEntry.action).where(
        AuditEntry.action == "payment.refund_manual")) == "payment.refund_manual"


def test_transfer_expires_after_its_window(transfer, heard):
    from datetime import timedelta
    assert services.expire_due(transfer.expires_at - timedelta(minutes=1)) == 0
    assert services.expire_due(transfer.expires_at) == 1
    db.session.commit()
    assert _fresh(transfer.id).status == PaymentStatus.EXPIRED
    assert heard == [("expired", 77)]


def test_expire_command_runs_the_job(app, transfer, heard):
    from datetime import timedelta

    from storefront import clock
    clock.freeze(transfer.expires_at + timedelta(seconds=1))
    result = app.test_cli_runner().invoke(args=["payments", "expire"])
    assert result.exit_code == 0 and "1 payment(s) changed" in result.output
    assert _fresh(transfer.id).status == PaymentStatus.EXPIRED
    assert heard == [("expired", 77)]
