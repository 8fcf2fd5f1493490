"""What a seller is told about her orders, on every channel, and the WhatsApp templates."""
from __future__ import annotations

from flask import current_app, url_for

from storefront.domain.money import format_rupiah
from storefront.notifications.models import NoticeKind, Notification
from storefront.notifications.services import notify
from storefront.orders.labels import fulfilment_label
from storefront.orders.models import SellerOrder


def template(name_setting: str, body: list[str], url_suffixes: tuple[str, ...] = ()) -> dict:
    """Graph's template object: the body's {{1}}…{{n}}, then each URL button's {{1}}."""
    config = current_app.config
    components: list[dict] = [{"type": "body", "parameters": [
        {"type": "text", "text": value[:1000]} for value in body]}]
    components += [{"type": "button", "sub_type": "url", "index": str(i),
                    "parameters": [{"type": "text", "text": suffix}]}
                   for i, suffix in enumerate(url_suffixes)]
    return {"name": config[name_setting], "language": {"code": config["WHATSAPP_TEMPLATE_LANGUAGE"]},
            "components": components}


def items_text(part: SellerOrder) -> str:
    return ", ".join(f"{line.quantity}× {line.product_name}" for line in part.lines)


def new_order(part: SellerOrder, text: str, accept_link: str) -> Notification:
    """A part was released to her (paid, or cash): tell her once on every channel."""
    token = accept_link.rsplit("/", 1)[-1]
    wanted = part.wanted_date.strftime("%d-%m-%Y") if part.wanted_date else "-"
    whatsapp = template("WHATSAPP_TEMPLATE_NEW_ORDER", [
        part.order.number, items_text(part), format_rupiah(part.total),
        str(fulfilment_label(part.fulfilment)), wanted], (token,))
    return notify(part.shop.owner, text, link=url_for("seller_orders.inbox", _external=False),
                  subject=f"Pasar Ibu {part.order.number}", kind=NoticeKind.ORDER,
                  event=f"order.new:{part.id}", seller_order_id=part.id, whatsapp=whatsapp,
                  push=url_for("seller_orders.inbox", _external=False) + f"#so-{part.id}")


def cancelled(part: SellerOrder, text: str, reason: str) -> Notification:
    """Staff (or the buyer, through staff) cancelled her order."""
    whatsapp = template("WHATSAPP_TEMPLATE_CANCELLED", [part.order.number, reason])
    return notify(part.shop.owner, text, link=url_for("seller_orders.inbox", _external=False),
                  subject=f"Pasar Ibu {part.order.number}", kind=NoticeKind.ORDER,
                  event=f"order.cancelled:{part.id}", seller_order_id=part.id,
                  whatsapp=whatsapp, push=url_for("seller_orders.inbox", _external=False) + f"#so-{part.id}")
