"""The buyer's payment page (/bayar/<token>) and staff's proof queue (/staf/pembayaran)."""
from __future__ import annotations

import io

import segno
import sqlalchemy as sa
from flask import Blueprint, abort, current_app, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from storefront.domain.payment_states import PaymentStatus
from storefront.extensions import db, limiter
from storefront.media.images import InvalidImage
from storefront.media.serving import private_photo_response
from storefront.orders.models import Order
from storefront.payments import services
from storefront.payments.channels import channel_name
from storefront.payments.forms import ProofForm, RefundForm, RejectForm
from storefront.payments.models import Payment, PaymentMethod
from storefront.payments.proofs import delete_proof, read_proof, save_proof
from storefront.payments.providers import ProviderError
from storefront.refunds import services as refunds
from storefront.security import UPLOAD_LIMIT, keep_private
from storefront.web.access import staff_required

bp = Blueprint("payments", __name__, url_prefix="/bayar", cli_group="payments")
staff_bp = Blueprint("staff_payments", __name__, url_prefix="/staf/pembayaran")


def _image_error(code: str) -> str:
    return {
        "too_big": _("The photo is too large. Choose a photo under 10 MB."),
        "bomb": _("The photo is too large. Choose a photo under 10 MB."),
        "too_wide": _("The photo is too large. Choose a photo under 10 MB."),
        "too_many_pixels": _("This photo has more than 40 megapixels, too many to handle safely. "
                             "Choose a smaller photo, or take it again with a lower camera resolution."),
    }.get(code, _("That file is not a photo we can read. Take a photo of the receipt "
                  "(JPG, PNG or WebP) and try again."))


def _payment_by_token(token: str) -> Payment:
    payment = services.by_token(token)
    if payment is None:
        abort(404)
    return payment


def _render_pay(payment: Payment, form: ProofForm) -> str:
    return render_template("payments/pay.html", payment=payment, form=form, S=PaymentStatus,
                           M=PaymentMethod, order=db.session.get(Order, payment.order_id))


@bp.get("/<token>")
def pay(token: str):
    keep_private()  # a secret link: never cached, never sent on as a Referer
    payment = _payment_by_token(token)
    return _render_pay(payment, ProofForm())


@bp.post("/<token>/bukti")
@limiter.limit(UPLOAD_LIMIT, methods=["POST"])
def upload_proof(token: str):
    payment = _payment_by_token(token)
    form = ProofForm()
    if payment.method != PaymentMethod.BANK_TRANSFER or payment.status != PaymentStatus.PENDING:
        flash(_("This payment is no longer waiting for a receipt."), "error")
        return redirect(url_for(".pay", token=token))
    if not form.validate_on_submit():
        return _render_pay(payment, form), 400
    try:
        key = save_proof(form.photo.data.read())
    except InvalidImage as exc:
        form.photo.errors.append(_image_error(exc.code))
        return _render_pay(payment, form), 400
    replaced = payment.proof_key
    services.attach_proof(payment, key)
    db.session.commit()
    if replaced and replaced != key:
        delete_proof(replaced)  # after the commit: the new one is safely recorded
    flash(_("Thank you. We received your receipt; staff will check it soon."), "success")
    return redirect(url_for(".pay", token=token))


@bp.get("/qris.svg")
def qris():
    payload = current_app.config.get("PAYMENT_QRIS_PAYLOAD", "")
    if not payload:
        abort(404)
    out = io.BytesIO()
    segno.make(payload, error="m").save(out, kind="svg", scale=6, border=2)
    out.seek(0)
    return send_file(out, mimetype="image/svg+xml", max_age=3600)


@bp.get("/<token>/qr.svg")
def payment_qr(token: str):
    """This payment's dynamic QRIS, drawn here from the string Xendit gave."""
    keep_private()
    payment = _payment_by_token(token)
    if payment.method != PaymentMethod.QRIS or not payment.pay_code:
        abort(404)
    out = io.BytesIO()
    segno.make(payment.pay_code, error="m").save(out, kind="svg", scale=6, border=2)
    out.seek(0)
    return send_file(out, mimetype="image/svg+xml", max_age=0)


@bp.app_template_filter("channel_name")
def _channel_name(code: str) -> str:
    return channel_name(code)


@bp.cli.command("expire")
def expire_command():
    """Expire unpaid payments past their deadline (same as ``flask release-expired``)."""
    from storefront.payments.jobs import release_expired

    changed = release_expired()
    print(f"{changed} payment(s) changed")  # noqa: T201 - command output


# --- staff ----------------------------------------------------------------------------------

def _staff_payment(payment_id: int) -> Payment:
    payment = db.session.get(Payment, payment_id)
    if payment is None:
        abort(404)
    return payment


@staff_bp.get("/")
@staff_required
def queue():
    transfers = db.session.scalars(
        sa.select(Payment).where(Payment.method == PaymentMethod.BANK_TRANSFER,
                                 Payment.status == PaymentStatus.PENDING)
        .order_by(Payment.proof_uploaded_at.is_(None), Payment.proof_uploaded_at, Payment.id)
        .limit(200)).all()
    to_refund = db.session.scalars(
        sa.select(Payment).where(Payment.status == PaymentStatus.NEEDS_REFUND)
        .order_by(Payment.id)).all()
    ids = {p.order_id for p in (*transfers, *to_refund)}
    orders = {o.id: o for o in db.session.scalars(sa.select(Order).where(Order.id.in_(ids)))}
    return render_template("staff/payments.html", transfers=transfers, to_refund=to_refund,
                           orders=orders, reject_form=RejectForm(), refund_form=RefundForm())


@staff_bp.get("/bukti/<int:payment_id>")
@staff_required
def proof(payment_id: int):
    payment = _staff_payment(payment_id)
    if not payment.proof_key:
        abort(404)
    data = read_proof(payment.proof_key)
    if data is None:
        abort(404)
    return private_photo_response(data)


@staff_bp.post("/<int:payment_id>/konfirmasi")
@staff_required
def confirm(payment_id: int):
    payment = _staff_payment(payment_id)
    try:
        changed = services.confirm_transfer(payment, current_user)
    except services.PaymentNotOpen:
        abort(400)
    db.session.commit()
    if changed:
        flash(_("Payment confirmed. The order goes to the seller."), "success")
    else:
        flash(_("This payment was already handled."), "error")
    return redirect(url_for(".queue"))


@staff_bp.post("/<int:payment_id>/tolak")
@staff_required
def reject(payment_id: int):
    payment = _staff_payment(payment_id)
    form = RejectForm()
    if not form.validate_on_submit():
        flash(_("Write a short reason for the buyer."), "error")
        return redirect(url_for(".queue"))
    try:
        services.reject_proof(payment, current_user, form.reason.data.strip())
    except services.PaymentNotOpen:
        flash(_("This payment was already handled."), "error")
        return redirect(url_for(".queue"))
    db.session.commit()
    flash(_("Receipt rejected. The buyer can send a new one."), "success")
    return redirect(url_for(".queue"))


@staff_bp.post("/<int:payment_id>/refund")
@staff_required
def refund(payment_id: int):
    payment = _staff_payment(payment_id)
    form = RefundForm()
    if not form.validate_on_submit():
        flash(_("Write the amount in rupiah."), "error")
        return redirect(url_for(".queue"))
    try:
        refunds.refund_payment(payment, form.amount.data, current_user, form.reason.data or "")
    except services.RefundTooLarge:
        flash(_("That is more than can be refunded for this payment."), "error")
        return redirect(url_for(".queue"))
    except ProviderError:
        db.session.rollback()
        flash(_("The payment service did not accept the refund. Try again later."), "error")
        return redirect(url_for(".queue"))
    db.session.commit()
    flash(_("Refund recorded."), "success")
    return redirect(url_for(".queue"))
