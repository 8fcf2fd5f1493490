"""Tell a user something: a dashboard notification now, an e-mail after the commit."""
from __future__ import annotations

from urllib.parse import quote

from storefront.accounts.models import User
from storefront.domain.phone import wa_number
from storefront.extensions import db
from storefront.jobs import after_commit
from storefront.notifications.mail import send_mail
from storefront.notifications.models import Notification


def wa_link(phone: str | None, text: str) -> str:
    """``https://wa.me/<number>?text=…`` (without a number WhatsApp asks whom to send to)."""
    number = wa_number(phone) if phone else ""
    return f"https://wa.me/{number}?text={quote(text, safe='')}"


def notify(user: User, text: str, link: str = "", subject: str = "Pasar Ibu") -> Notification:
    """Add a notification; e-mail it after the commit when she has an address."""
    note = Notification(user_id=user.id, text=text, link=link, wa_link=wa_link(user.phone, text))
    db.session.add(note)
    if user.email:
        after_commit(send_mail, user.email, subject, text)
    return note
