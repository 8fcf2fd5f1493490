"""/staf/penjual: staff record a new seller and give her a one-time link (text and QR code)."""
from __future__ import annotations

import segno
from flask import Blueprint, current_app, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from storefront.accounts.services import AccountExists
from storefront.extensions import db
from storefront.notifications.services import wa_link
from storefront.onboarding.forms import NewLinkForm, NewSellerForm
from storefront.onboarding.services import NotASeller, new_reset_link, onboard_seller
from storefront.security import keep_private
from storefront.shops.models import ContactChoice, Shop
from storefront.web.access import staff_required

bp = Blueprint("onboarding", __name__, url_prefix="/staf/penjual")


def _link_page(shop: Shop, raw: str, invite: bool):
    """Shown once: the secret is not stored, so this page cannot be opened again."""
    path = url_for("accounts.set_password", token=raw, _external=False)
    link = current_app.config["PUBLIC_BASE_URL"].rstrip("/") + path
    qr = Markup(segno.make(link, error="m").svg_inline(scale=5, title=_("QR code of the link")))
    if invite:
        text = _("Hello %(name)s, welcome to Pasar Ibu! Open this link to set your password "
                 "(it works once, for 7 days): %(link)s", name=shop.owner.name, link=link)
    else:
        text = _("Hello %(name)s, open this link to choose a new Pasar Ibu password "
                 "(it works once, for 7 days): %(link)s", name=shop.owner.name, link=link)
    keep_private()
    return render_template("onboarding/link.html", shop=shop, link=link, qr=qr, invite=invite,
                           wa=wa_link(shop.owner.phone, text))


@bp.route("/baru", methods=["GET", "POST"])
@staff_required
def new_seller():
    form = NewSellerForm()
    if form.validate_on_submit():
        try:
            shop, raw = onboard_seller(
                current_user, name=form.name.data, phone=form.phone.data,
                shop_name=form.shop_name.data, area=form.area.data,
                story_public=form.story_public.data, contact=ContactChoice(form.contact.data))
        except AccountExists:
            form.phone.errors.append(
                _("This phone number already has an account. To help her log in, make a new link."))
        else:
            db.session.commit()
            return _link_page(shop, raw, invite=True)
    return render_template("onboarding/new_seller.html", form=form)


@bp.route("/tautan-baru", methods=["GET", "POST"])
@staff_required
def new_link():
    form = NewLinkForm()
    if request.method == "GET":  # other staff pages may link here with ?telepon=<her number>
        form.phone.data = request.args.get("telepon", "")[:30]
    if form.validate_on_submit():
        try:
            shop, raw = new_reset_link(current_user, form.phone.data)
        except NotASeller:
            form.phone.errors.append(_("No seller has this phone number. Check the number."))
        else:
            db.session.commit()
            return _link_page(shop, raw, invite=False)
    return render_template("onboarding/new_link.html", form=form)
