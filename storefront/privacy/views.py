"""A seller downloads her data; staff erase a buyer's data on request."""
from __future__ import annotations

import json

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from storefront.extensions import db
from storefront.privacy.export import seller_export
from storefront.privacy.forms import EraseBuyerForm
from storefront.privacy.services import NoSuchBuyer, erase_buyer
from storefront.security import keep_private
from storefront.seller.context import current_shop
from storefront.web.access import seller_required, staff_required

bp = Blueprint("privacy", __name__)


@bp.get("/penjual/data-saya.json")
@seller_required
def my_data():
    shop = current_shop()
    keep_private()
    body = json.dumps(seller_export(shop), ensure_ascii=False, indent=2)
    response = Response(body, mimetype="application/json")
    response.headers["Content-Disposition"] = f'attachment; filename="data-{shop.slug}.json"'
    return response


@bp.route("/staf/privasi", methods=["GET", "POST"])
@staff_required
def erase():
    form = EraseBuyerForm()
    if form.validate_on_submit():
        try:
            count = erase_buyer(form.identifier.data, current_user)
        except NoSuchBuyer:
            form.identifier.errors.append(_("No buyer or order has this phone number or e-mail."))
        else:
            db.session.commit()
            flash(_("The buyer's data was removed from %(n)s orders. Amounts and sellers' "
                    "earnings are unchanged.", n=count), "info")
            return redirect(url_for("privacy.erase"))
    return render_template("privacy/erase.html", form=form)
