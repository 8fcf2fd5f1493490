"""/penjual/ongkir: the seller sets what she charges to deliver to each kecamatan."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from storefront.delivery import services
from storefront.delivery.forms import HINT, FeesForm
from storefront.domain.areas import KOTA_KUPANG
from storefront.domain.money import MAX_PRICE, InvalidPrice, read_rupiah
from storefront.extensions import db
from storefront.seller.context import current_shop
from storefront.web.access import seller_required

bp = Blueprint("delivery", __name__, url_prefix="/penjual/ongkir")


def _parse_fee(raw: str) -> int | None:
    """Empty: she does not deliver there; else any amount read like every rupiah input."""
    if not raw.strip():
        return None
    try:
        fee = read_rupiah(raw)
    except InvalidPrice:
        raise ValueError(raw) from None
    if fee > MAX_PRICE:
        raise ValueError(raw)
    return fee


@bp.route("/", methods=["GET", "POST"])
@seller_required
def fees():
    shop = current_shop()
    form = FeesForm()
    current = services.fees_of(shop.id)
    errors: dict[str, str] = {}
    if form.validate_on_submit():
        wanted: dict[str, int | None] = {}
        for area in KOTA_KUPANG:
            try:
                wanted[area] = _parse_fee(request.form.get(f"fee-{area}", ""))
            except ValueError:
                errors[area] = _("Write the fee as a number of rupiah, like 10.000.")
        if not errors:
            services.set_fees(shop.id, wanted)
            db.session.commit()
            flash(_("Your delivery fees are saved."), "info")
            return redirect(url_for("delivery.fees"))
        current = {area: request.form.get(f"fee-{area}", "") for area in KOTA_KUPANG}
    return render_template("delivery/fees.html", form=form, shop=shop, fees=current,
                           errors=errors, areas=KOTA_KUPANG, hint=HINT)
