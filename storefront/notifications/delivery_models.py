"""Messages sent outside the shop (e-mail, WhatsApp, web push), and where they may go."""
from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from storefront import clock
from storefront.dbtypes import enum_type
from storefront.extensions import db


class Channel(enum.StrEnum):
    #: an e-mail over SMTP
    EMAIL = "email"
    #: a WhatsApp Business Cloud API template message
    WHATSAPP = "whatsapp"
    #: a browser push notification to one subscribed phone
    WEBPUSH = "webpush"


class MessageStatus(enum.StrEnum):
    #: waiting for the job queue (also between tries)
    QUEUED = "queued"
    #: a worker is trying it now
    SENDING = "sending"
    #: the provider took it
    SENT = "sent"
    #: the provider says it reached her phone
    DELIVERED = "delivered"
    #: the provider says she read it
    READ = "read"
    #: every try failed, or the provider reported a failure
    FAILED = "failed"


class OutboundMessage(db.Model):
    """One message on one channel to one recipient; a repeat of the same event is refused."""

    __tablename__ = "outbound_messages"
    __table_args__ = (
        sa.UniqueConstraint("event", "channel", "recipient", name="uq_outbound_event_channel_to"),
        sa.CheckConstraint("attempts >= 0", name="attempts"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: what happened, e.g. "order.new:12" (seller order 12)
    event: Mapped[str] = mapped_column(sa.String(120))
    #: how it goes out
    channel: Mapped[Channel] = mapped_column(enum_type(Channel))
    #: e-mail address, WhatsApp number (628…) or "push:<subscription id>"
    recipient: Mapped[str] = mapped_column(sa.String(254))
    #: the account it is for, if any (a guest buyer has none)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    #: the seller order it is about, for the staff delivery log
    seller_order_id: Mapped[int | None] = mapped_column(sa.ForeignKey("seller_orders.id"),
                                                        index=True)
    #: where it is now
    status: Mapped[MessageStatus] = mapped_column(enum_type(MessageStatus),
                                                  default=MessageStatus.QUEUED)
    #: how many times a worker tried to send it
    attempts: Mapped[int] = mapped_column(sa.Integer, default=0)
    #: the provider's id for it (WhatsApp "wamid…"), which its status webhooks name
    provider_id: Mapped[str] = mapped_column(sa.String(200), default="", index=True)
    #: what to send, built when it was queued (subject/body, or template and parameters)
    payload: Mapped[dict] = mapped_column(sa.JSON)
    #: the last error, short, for staff
    error: Mapped[str] = mapped_column(sa.String(300), default="")
    #: when it was queued (UTC)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    #: when its status last changed (UTC)
    updated_at: Mapped[datetime] = mapped_column(default=clock.now)


class PushSubscription(db.Model):
    """A phone on which a seller turned on notifications (the browser's PushSubscription)."""

    __tablename__ = "push_subscriptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: whose phone
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    #: the push service's URL for this browser
    endpoint: Mapped[str] = mapped_column(sa.String(1000), unique=True)
    #: the browser's public key (base64url)
    p256dh: Mapped[str] = mapped_column(sa.String(200))
    #: the browser's auth secret (base64url)
    auth: Mapped[str] = mapped_column(sa.String(100))
    #: when she turned it on (UTC)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)


class ContactEmail(db.Model):
    """The address a seller wants order e-mails at; used only once she confirmed it."""

    __tablename__ = "contact_emails"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: whose address
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), unique=True)
    #: lower-cased address
    email: Mapped[str] = mapped_column(sa.String(254))
    #: when she opened the confirmation link (UTC); empty: not yet confirmed
    confirmed_at: Mapped[datetime | None] = mapped_column()
    #: when she last set it (UTC)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)


class WhatsAppOptIn(db.Model):
    """A buyer asked at checkout for status messages about this order on WhatsApp."""

    __tablename__ = "whatsapp_opt_ins"

    #: the order
    order_id: Mapped[int] = mapped_column(sa.ForeignKey("orders.id"), primary_key=True)
    #: when she asked (UTC)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)


class SellerFollowUp(db.Model):
    """Staff called or messaged a seller about an order she had not answered."""

    __tablename__ = "seller_follow_ups"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the seller order
    seller_order_id: Mapped[int] = mapped_column(sa.ForeignKey("seller_orders.id"), unique=True)
    #: the staff member who contacted her
    staff_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    #: when (UTC)
    contacted_at: Mapped[datetime] = mapped_column(default=clock.now)
