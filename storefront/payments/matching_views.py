"""Staff paste a bank statement and confirm the transfers it matches, in one go."""
from __future__ import annotations

import re

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from storefront.extensions import db
from storefront.payments import transfers
from storefront.payments.forms import StatementForm
from storefront.web.access import staff_required

#: A payment id as the form sends it: ASCII digits only (never "²" or "٣").
_ID = re.compile(r"[1-9][0-9]{0,9}", re.ASCII)

bp = Blueprint("transfer_matching", __name__, url_prefix="/staf/pembayaran/mutasi")


@bp.route("/", methods=["GET", "POST"])
@staff_required
def paste():
    form = StatementForm()
    suggestions = None
    if form.validate_on_submit():
        suggestions = transfers.suggest(form.statement.data)
    return render_template("staff/statement.html", form=form, suggestions=suggestions)


@bp.post("/konfirmasi")
@staff_required
def confirm():
    ids = [int(raw) for raw in request.form.getlist("payment_id")
           if _ID.fullmatch(raw) and int(raw) < 2**31]
    changed = transfers.confirm_many(ids, current_user)
    db.session.commit()
    if changed:
        flash(_("%(n)s payments confirmed. Their orders go to the sellers.", n=changed),
              "success")
    else:
        flash(_("Nothing was confirmed: choose at least one payment that is still waiting."),
              "error")
    return redirect(url_for("staff_payments.queue"))
