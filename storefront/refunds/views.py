"""/staf/pengembalian: "Uang yang harus dikembalikan", the staff queue of money owed back."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from storefront.extensions import db
from storefront.payments.providers import ProviderError
from storefront.refunds import services
from storefront.refunds.models import RefundObligation
from storefront.web.access import staff_required

bp = Blueprint("staff_refunds", __name__, url_prefix="/staf/pengembalian")


@bp.get("/")
@staff_required
def queue():
    obligations = services.open_obligations()
    by_provider = {o.id for o in obligations if services.sent_by_provider(o.payment)}
    return render_template("staff/refunds.html", obligations=obligations, by_provider=by_provider)


@bp.post("/<int:obligation_id>")
@staff_required
def settle(obligation_id: int):
    obligation = db.session.get(RefundObligation, obligation_id) or abort(404)
    try:
        services.settle(obligation, current_user, request.form.get("reference", ""))
    except services.ReferenceRequired:
        db.session.rollback()
        flash(_("Write the bank or receipt reference of the money you sent back."), "error")
        return redirect(url_for(".queue"))
    except services.AlreadyRefunded:
        db.session.rollback()
        flash(_("This money was already sent back."), "error")
        return redirect(url_for(".queue"))
    except ProviderError:
        db.session.rollback()
        flash(_("The payment service did not accept the refund. Try again later."), "error")
        return redirect(url_for(".queue"))
    db.session.commit()
    flash(_("Refund recorded."), "success")
    return redirect(url_for(".queue"))
