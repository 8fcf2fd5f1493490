"""What WhatsApp tells the shop: delivery statuses, and a seller's reply that accepts an order.

Her reply accepts exactly as her one-tap link would (``tap_links.act`` on a fresh
"accept" link of that order). Which order: the one named by the quick-reply button, else
the new-order message she replied to, else her only new order messaged in the last 24
hours. An order of another shop, or a message sent to another number, changes nothing.
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import re
from datetime import timedelta

import sqlalchemy as sa
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from storefront import clock
from storefront.accounts.models import Role, User
from storefront.domain.order_states import InvalidTransition, SellerOrderStatus
from storefront.extensions import db
from storefront.notifications.delivery_models import Channel, MessageStatus, OutboundMessage
from storefront.notifications.outbox import queue_message
from storefront.orders import tap_links
from storefront.orders.models import SellerOrder

log = logging.getLogger(__name__)
M = MessageStatus
#: Words (upper-cased) that mean "I accept the order".
ACCEPT_WORDS = frozenset({"TERIMA", "1", "YA TERIMA", "TERIMA PESANAN"})
#: A quick-reply payload naming an order: ``accept:<seller order id>``.
PAYLOAD = re.compile(r"accept:([0-9]{1,10})")
#: Graph's statuses, and the ones each may replace (a status never goes back).
STATUS_AFTER = {
    "sent": (M.SENDING, M.QUEUED),
    "delivered": (M.SENDING, M.QUEUED, M.SENT),
    "read": (M.SENDING, M.QUEUED, M.SENT, M.DELIVERED),
    "failed": (M.SENDING, M.QUEUED, M.SENT),
}
#: How long after our message a reply may still accept (WhatsApp's service window).
WINDOW = timedelta(hours=24)


def signature_ok(raw: bytes, header: str | None, secret: str) -> bool:
    """``X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>``, compared in constant time."""
    if not secret or not header or not header.startswith("sha256="):
        return False
    expected = hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header.removeprefix("sha256="))


def handle(payload: dict) -> None:
    """Apply one verified webhook body. Flushes, never commits."""
    for entry in payload.get("entry") or []:
        for change in entry.get("changes") or []:
            value = change.get("value") or {}
            for status in value.get("statuses") or []:
                _status(status)
            for message in value.get("messages") or []:
                _reply(message)
    db.session.flush()


def _status(status: dict) -> None:
    name, wamid = str(status.get("status", "")), str(status.get("id", ""))
    if name not in STATUS_AFTER or not wamid:
        return
    errors = status.get("errors") or [{}]
    db.session.execute(
        sa.update(OutboundMessage)
        .where(OutboundMessage.provider_id == wamid, OutboundMessage.channel == Channel.WHATSAPP,
               OutboundMessage.status.in_(STATUS_AFTER[name]))
        .values(status=M(name), updated_at=clock.now(),
                error=str(errors[0].get("title", ""))[:300] if name == "failed" else "")
        .execution_options(synchronize_session=False))


def _words(message: dict) -> tuple[str, str]:
    """(upper-cased text, button payload) of a text, button or interactive reply."""
    kind = message.get("type")
    if kind == "text":
        return str((message.get("text") or {}).get("body", "")).strip().upper(), ""
    if kind == "button":
        button = message.get("button") or {}
        return str(button.get("text", "")).strip().upper(), str(button.get("payload", ""))
    if kind == "interactive":
        reply = (message.get("interactive") or {}).get("button_reply") or {}
        return str(reply.get("title", "")).strip().upper(), str(reply.get("id", ""))
    return "", ""


def _reply(message: dict) -> None:
    text, payload = _words(message)
    sender = str(message.get("from", ""))
    if text not in ACCEPT_WORDS and not PAYLOAD.fullmatch(payload):
        return
    seller = db.session.scalar(sa.select(User).where(User.phone == "+" + sender,
                                                     User.role == Role.SELLER))
    if seller is None:
        return
    part = _part_meant(message, payload, sender, seller)
    if part is None or part.shop.owner_id != seller.id:
        log.info("whatsapp reply from a seller names no order of hers")
        return
    with force_locale("id"):
        answer = _accept(part)
    queue_message(f"wa.reply:{str(message.get('id', ''))[:100]}", Channel.WHATSAPP, sender,
                  {"text": answer}, user_id=seller.id, seller_order_id=part.id)


def _part_meant(message: dict, payload: str, sender: str, seller: User) -> SellerOrder | None:
    if match := PAYLOAD.fullmatch(payload):
        part_id = int(match.group(1))
        return db.session.get(SellerOrder, part_id) if part_id < 2**31 else None
    context_id = str((message.get("context") or {}).get("id", ""))
    if context_id:
        ours = db.session.scalar(sa.select(OutboundMessage).where(
            OutboundMessage.provider_id == context_id,
            OutboundMessage.channel == Channel.WHATSAPP))
        if ours is None or ours.recipient != sender or ours.seller_order_id is None:
            return None
        return db.session.get(SellerOrder, ours.seller_order_id)
    waiting = db.session.scalars(
        sa.select(SellerOrder).join(OutboundMessage,
                                    OutboundMessage.seller_order_id == SellerOrder.id)
        .where(OutboundMessage.channel == Channel.WHATSAPP,
               OutboundMessage.recipient == sender,
               OutboundMessage.event.startswith("order.new:"),
               OutboundMessage.created_at >= clock.now() - WINDOW,
               OutboundMessage.user_id == seller.id,
               SellerOrder.status == SellerOrderStatus.NEW).distinct()).all()
    return waiting[0] if len(waiting) == 1 else None


def _accept(part: SellerOrder) -> str:
    number = part.order.number
    # a no-op UPDATE locks the order's row (SQLite: the database) until the commit, so
    # that two replies at once accept it once; the second then reads the moved order
    db.session.execute(sa.update(SellerOrder).where(SellerOrder.id == part.id)
                       .values(id=SellerOrder.id).execution_options(synchronize_session=False))
    db.session.refresh(part)
    try:
        with db.session.begin_nested():
            tap_links.act(tap_links.make_token(part, "accept"))
    except (tap_links.LinkRefused, InvalidTransition, IntegrityError):
        return _("Order %(number)s had already moved on; nothing changed. "
                 "Open Pasar Ibu to see where it is.", number=number)
    return _("Thank you! Order %(number)s is accepted. The buyer has been told.", number=number)
