"""What a buyer is told: a receipt e-mail at placement, WhatsApp status messages if she asked."""
from __future__ import annotations

from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from storefront.domain.money import format_rupiah
from storefront.domain.phone import wa_number
from storefront.extensions import db
from storefront.notifications import channels
from storefront.notifications.delivery_models import Channel, WhatsAppOptIn
from storefront.notifications.order_notices import items_text, template
from storefront.notifications.outbox import queue_message
from storefront.orders.labels import status_label
from storefront.orders.models import Order, SellerOrder


def tracking_link(order: Order) -> str:
    base = current_app.config["PUBLIC_BASE_URL"].rstrip("/")
    return base + url_for("orders.track", token=order.token, _external=False)


def order_placed(order: Order, *, whatsapp_updates: bool = False) -> None:
    """Right after checkout: her receipt by e-mail (if she gave one); remember her opt-in."""
    if whatsapp_updates:
        db.session.add(WhatsAppOptIn(order_id=order.id))
    if not order.buyer_email or not channels.enabled(Channel.EMAIL):
        return
    with force_locale("id"):
        lines = [_("Thank you, %(name)s! Your order %(number)s is placed.",
                   name=order.buyer_name, number=order.number), ""]
        for part in order.parts:
            lines.append(f"{part.shop.name}: {items_text(part)} · {format_rupiah(part.total)}")
        lines += ["", _("Total: %(total)s", total=format_rupiah(order.total)),
                  _("Follow your order here: %(link)s", link=tracking_link(order))]
        subject = _("Your Pasar Ibu order %(number)s", number=order.number)
    queue_message(f"order.placed:{order.id}", Channel.EMAIL, order.buyer_email,
                  {"subject": subject, "body": "\n".join(lines)}, user_id=order.buyer_id)


def status_changed(part: SellerOrder) -> None:
    """A part moved: a WhatsApp status message, when she opted in and the channel is on."""
    order = part.order
    if not channels.enabled(Channel.WHATSAPP) or not order.buyer_phone \
            or db.session.get(WhatsAppOptIn, order.id) is None:
        return
    with force_locale("id"):
        status = str(status_label(part.status))
    whatsapp = template("WHATSAPP_TEMPLATE_BUYER_STATUS",
                        [order.number, part.shop.name, status, tracking_link(order)])
    queue_message(f"order.status:{part.id}:{part.status.value}", Channel.WHATSAPP,
                  wa_number(order.buyer_phone), {"template": whatsapp},
                  user_id=order.buyer_id, seller_order_id=part.id)
