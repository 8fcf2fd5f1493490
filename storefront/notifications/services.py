"""Tell a user something: a dashboard notice now; e-mail, WhatsApp and push after the commit."""
from __future__ import annotations

import secrets
from urllib.parse import quote

import sqlalchemy as sa
from flask import current_app

from storefront.accounts.models import User
from storefront.domain.phone import wa_number
from storefront.extensions import db
from storefront.notifications import channels
from storefront.notifications.delivery_models import Channel, ContactEmail, PushSubscription
from storefront.notifications.models import NoticeKind, Notification
from storefront.notifications.outbox import queue_message


def wa_link(phone: str | None, text: str) -> str:
    """``https://wa.me/<number>?text=…`` (without a number WhatsApp asks whom to send to)."""
    number = wa_number(phone) if phone else ""
    return f"https://wa.me/{number}?text={quote(text, safe='')}"


def email_for(user: User) -> str:
    """Her confirmed contact address, else her login address, else ""."""
    confirmed = db.session.scalar(sa.select(ContactEmail.email).where(
        ContactEmail.user_id == user.id, ContactEmail.confirmed_at.is_not(None)))
    return confirmed or user.email or ""


def notify(user: User, text: str, link: str = "", subject: str = "Pasar Ibu", *,
           kind: NoticeKind = NoticeKind.MESSAGE, event: str = "",
           seller_order_id: int | None = None, whatsapp: dict | None = None,
           push: str = "") -> Notification:
    """Add a notice to her dashboard and queue it on her other channels.

    ``event`` names what happened (e.g. "order.new:12"): the same event never goes out
    twice on a channel. ``whatsapp`` is the approved template to send (WhatsApp allows
    only templates to start a conversation); ``push``, a page of the shop, also pushes it
    to her phones, and tapping it opens that page.
    """
    note = Notification(user_id=user.id, text=text, link=link, kind=kind,
                        wa_link=wa_link(user.phone, text))
    db.session.add(note)
    event = event or f"note:{secrets.token_hex(8)}"
    where = {"user_id": user.id, "seller_order_id": seller_order_id}
    address = email_for(user)
    if address and channels.enabled(Channel.EMAIL):
        queue_message(event, Channel.EMAIL, address, {"subject": subject, "body": text}, **where)
    if whatsapp and user.phone and channels.enabled(Channel.WHATSAPP):
        queue_message(event, Channel.WHATSAPP, wa_number(user.phone), {"template": whatsapp},
                      **where)
    if push and channels.enabled(Channel.WEBPUSH):
        url = current_app.config["PUBLIC_BASE_URL"].rstrip("/") + push
        for sub_id in db.session.scalars(sa.select(PushSubscription.id).where(
                PushSubscription.user_id == user.id)):
            queue_message(event, Channel.WEBPUSH, f"push:{sub_id}",
                          {"title": subject, "body": text.split("\n")[0], "url": url}, **where)
    return note
