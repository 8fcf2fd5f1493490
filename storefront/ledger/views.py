"""Staff's payouts and ledger export (/staf/pembayaran/...), the seller's earnings page."""
from __future__ import annotations

import csv
import io

import sqlalchemy as sa
from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from storefront.domain import ledger as rules
from storefront.domain.numbers import bounded_id
from storefront.domain.spreadsheet import safe_row
from storefront.extensions import db
from storefront.ledger import services
from storefront.ledger.crypto import BankKeyMissing
from storefront.ledger.forms import BankAccountForm, PayoutForm
from storefront.ledger.models import LedgerEntry, Payout, PayoutStatus
from storefront.orders.models import Order, SellerOrder
from storefront.seller.context import current_shop
from storefront.shops.models import Shop
from storefront.web.access import seller_required, staff_required

staff_bp = Blueprint("staff_ledger", __name__, url_prefix="/staf/pembayaran")
seller_bp = Blueprint("earnings", __name__, url_prefix="/penjual/pendapatan")


def _shop(shop_id: int) -> Shop:
    shop = db.session.get(Shop, shop_id)
    if shop is None:
        abort(404)
    return shop


def _order_numbers(entries) -> dict[int, str]:
    """Seller order id → the order number she and the buyer quote."""
    ids = {e.seller_order_id for e in entries if e.seller_order_id}
    if not ids:
        return {}
    rows = db.session.execute(sa.select(SellerOrder.id, Order.number)
                              .join(Order, Order.id == SellerOrder.order_id)
                              .where(SellerOrder.id.in_(ids))).all()
    return dict(rows)


def _balances() -> dict[int, int]:
    rows = db.session.execute(sa.select(LedgerEntry.shop_id, sa.func.sum(LedgerEntry.amount))
                              .group_by(LedgerEntry.shop_id)).all()
    return {shop_id: int(total) for shop_id, total in rows}


@staff_bp.get("/payouts")
@staff_required
def payouts():
    shops = db.session.scalars(sa.select(Shop).order_by(Shop.name)).all()
    awaiting = db.session.scalars(sa.select(Payout).where(
        Payout.status == PayoutStatus.AWAITING_APPROVAL).order_by(Payout.id)).all()
    recent = db.session.scalars(sa.select(Payout).where(
        Payout.status != PayoutStatus.AWAITING_APPROVAL).order_by(Payout.id.desc()).limit(50)).all()
    return render_template("staff/payouts.html", shops=shops, balances=_balances(),
                           awaiting=awaiting, recent=recent)


def _render_shop(shop: Shop, payout_form=None, bank_form=None, status: int = 200):
    account = services.bank_account(shop.id)
    full = None
    if account and current_user.has_permission(services.FINANCE):
        try:
            full = services.full_number(account, current_user)
        except BankKeyMissing:
            full = None
    entries = services.entries(shop.id)
    return render_template(
        "staff/shop_ledger.html", shop=shop, entries=entries, order_numbers=_order_numbers(entries),
        balance=services.balance(shop.id), available=services.available(shop.id),
        account=account, full_number=full, payout_form=payout_form or PayoutForm(),
        bank_form=bank_form or BankAccountForm(obj=account)), status


@staff_bp.get("/toko/<int:shop_id>")
@staff_required
def shop_ledger(shop_id: int):
    return _render_shop(_shop(shop_id))


def _finance_only(shop_id: int | None = None):
    """Refuse a money step to staff without the finance permission (nothing was written)."""
    db.session.rollback()
    flash(_("Only staff with the finance permission can change bank accounts or record "
            "payouts. Ask a finance colleague."), "error")
    if shop_id is None:
        return redirect(url_for(".payouts")), 303
    return redirect(url_for(".shop_ledger", shop_id=shop_id)), 303


@staff_bp.post("/toko/<int:shop_id>/payout")
@staff_required
def record_payout(shop_id: int):
    shop = _shop(shop_id)
    form = PayoutForm()
    if not form.validate_on_submit():
        return _render_shop(shop, payout_form=form, status=400)
    try:
        payout = services.request_payout(shop.id, form.amount.data, form.bank_reference.data,
                                         current_user)
    except services.NotFinanceStaff:
        return _finance_only(shop.id)
    except rules.PayoutExceedsBalance as exc:
        db.session.rollback()
        form.amount.errors.append(_("That is more than she is owed now (%(amount)s).",
                                    amount=f"Rp {exc.available:,}".replace(",", ".")))
        return _render_shop(shop, payout_form=form, status=400)
    db.session.commit()
    if payout.status == PayoutStatus.COMPLETED:
        flash(_("Payout recorded."), "success")
    else:
        flash(_("Payout recorded. Another staff member must approve it."), "success")
    return redirect(url_for(".shop_ledger", shop_id=shop.id))


@staff_bp.post("/payouts/<int:payout_id>/setujui")
@staff_required
def approve(payout_id: int):
    payout = db.session.get(Payout, payout_id) or abort(404)
    try:
        services.approve_payout(payout, current_user)
    except services.NotFinanceStaff:
        return _finance_only()
    except rules.SameApprover:
        flash(_("You recorded this payout, so another staff member must approve it."), "error")
        return redirect(url_for(".payouts"))
    except rules.PayoutExceedsBalance:
        db.session.rollback()
        flash(_("She is owed less than this payout now. Cancel it and record a new one."), "error")
        return redirect(url_for(".payouts"))
    except services.PayoutNotAwaiting:
        flash(_("This payout was already handled."), "error")
        return redirect(url_for(".payouts"))
    db.session.commit()
    flash(_("Payout approved."), "success")
    return redirect(url_for(".payouts"))


@staff_bp.post("/payouts/<int:payout_id>/batal")
@staff_required
def cancel(payout_id: int):
    payout = db.session.get(Payout, payout_id) or abort(404)
    try:
        services.cancel_payout(payout, current_user)
    except services.NotFinanceStaff:
        return _finance_only()
    except services.PayoutNotAwaiting:
        flash(_("This payout was already handled."), "error")
        return redirect(url_for(".payouts"))
    db.session.commit()
    flash(_("Payout cancelled."), "success")
    return redirect(url_for(".payouts"))


@staff_bp.post("/toko/<int:shop_id>/rekening")
@staff_required
def set_account(shop_id: int):
    shop = _shop(shop_id)
    form = BankAccountForm()
    if not form.validate_on_submit():
        return _render_shop(shop, bank_form=form, status=400)
    try:
        services.set_bank_account(shop.id, form.bank_name.data, form.holder_name.data,
                                  form.number.data, current_user)
    except services.NotFinanceStaff:
        return _finance_only(shop.id)
    except BankKeyMissing:
        db.session.rollback()
        flash(_("Bank accounts cannot be saved until BANK_ACCOUNT_KEY is set. "
                "Ask the person who runs the server."), "error")
        return redirect(url_for(".shop_ledger", shop_id=shop.id))
    db.session.commit()
    flash(_("Bank account saved."), "success")
    return redirect(url_for(".shop_ledger", shop_id=shop.id))


@staff_bp.get("/ledger.csv")
@staff_required
def ledger_csv():
    query = sa.select(LedgerEntry, Shop.name).join(Shop, Shop.id == LedgerEntry.shop_id) \
        .order_by(LedgerEntry.id)
    shop_id = request.args.get("shop_id", type=bounded_id)
    if shop_id:
        query = query.where(LedgerEntry.shop_id == shop_id)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "created_at_utc", "shop_id", "shop", "kind", "amount_idr",
                     "seller_order_id", "payout_id", "note"])
    for entry, shop_name in db.session.execute(query):
        writer.writerow(safe_row([
            entry.id, entry.created_at.isoformat(sep=" ", timespec="seconds"), entry.shop_id,
            shop_name, entry.kind.value, entry.amount, entry.seller_order_id or "",
            entry.payout_id or "", entry.note]))
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=ledger.csv"})


@seller_bp.get("/")
@seller_required
def earnings():
    shop = current_shop()
    payouts = db.session.scalars(sa.select(Payout).where(
        Payout.shop_id == shop.id, Payout.status == PayoutStatus.COMPLETED)
        .order_by(Payout.id.desc())).all()
    entries = services.entries(shop.id)
    return render_template("seller/earnings.html", shop=shop, entries=entries,
                           order_numbers=_order_numbers(entries),
                           balance=services.balance(shop.id), payouts=payouts,
                           account=services.bank_account(shop.id))
