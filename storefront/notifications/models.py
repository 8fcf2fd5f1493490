"""Messages to a user, listed in her dashboard."""
from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from storefront import clock
from storefront.dbtypes import enum_type
from storefront.extensions import db


class NoticeKind(enum.StrEnum):
    #: about an order of hers: new, cancelled, paid (her inbox shows these apart)
    ORDER = "order"
    #: anything else: staff approving a product, a payout, a review
    MESSAGE = "message"


class Notification(db.Model):
    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: who it is for
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    #: the message, already in her language
    text: Mapped[str] = mapped_column(sa.Text)
    #: a page in the shop it refers to (relative URL), if any
    link: Mapped[str] = mapped_column(sa.String(300), default="")
    #: a ready https://wa.me/… link that staff can tap to forward the message
    wa_link: Mapped[str] = mapped_column(sa.Text, default="")
    #: when it was made (UTC)
    created_at: Mapped[datetime] = mapped_column(default=clock.now, index=True)
    #: an order notice or a message from staff
    kind: Mapped[NoticeKind] = mapped_column(enum_type(NoticeKind), default=NoticeKind.MESSAGE,
                                             server_default=NoticeKind.MESSAGE.value)
    #: when she opened her notification list after it arrived (UTC)
    read_at: Mapped[datetime | None] = mapped_column()
