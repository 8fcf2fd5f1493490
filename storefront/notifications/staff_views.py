"""/staf/belum-ditanggapi: orders sellers have not answered; the delivery log of an order."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user

from storefront.domain.money import format_rupiah
from storefront.extensions import db
from storefront.notifications import escalation, labels
from storefront.notifications.order_notices import items_text
from storefront.notifications.services import wa_link
from storefront.orders import tap_links
from storefront.orders.models import SellerOrder
from storefront.web.access import staff_required

bp = Blueprint("staff_messages", __name__, url_prefix="/staf")


@bp.app_context_processor
def _message_helpers() -> dict:
    return {"channel_label": labels.channel_label,
            "message_status_label": labels.message_status_label}


def relay_link(part: SellerOrder) -> str:
    """wa.me to the seller's own number, the order and a fresh "accept" link already written."""
    with force_locale("id"):
        text = _("Hello %(name)s, this is Pasar Ibu. Order %(number)s is waiting for you: "
                 "%(items)s, total %(total)s. Tap to accept it: %(link)s",
                 name=part.shop.owner.name, number=part.order.number, items=items_text(part),
                 total=format_rupiah(part.total), link=tap_links.link_for(part, "accept"))
    return wa_link(part.shop.owner.phone, text)


def _part_or_404(part_id: int) -> SellerOrder:
    """The seller order, or 404 (also for ids no database column can hold)."""
    part = db.session.get(SellerOrder, part_id) if part_id < 2**31 else None
    return part or abort(404)


@bp.get("/belum-ditanggapi/")
@staff_required
def waiting():
    return render_template("notifications/escalation.html", entries=escalation.waiting(),
                           relay_link=relay_link)


@bp.post("/belum-ditanggapi/<int:part_id>/dihubungi")
@staff_required
def contacted(part_id: int):
    part = _part_or_404(part_id)
    escalation.mark_contacted(part, current_user)
    db.session.commit()
    flash(_("Recorded: %(shop)s was contacted about %(number)s.", shop=part.shop.name,
            number=part.order.number), "info")
    return redirect(url_for("staff_messages.waiting"))


@bp.get("/pesanan/<int:part_id>/pesan-terkirim")
@staff_required
def delivery_log(part_id: int):
    part = _part_or_404(part_id)
    return render_template("notifications/delivery_log.html", part=part,
                           messages=escalation.log_for(part.id))
