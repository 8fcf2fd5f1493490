"""A seller's shop: her public profile and the switches that pause it."""
from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storefront import clock
from storefront.dbtypes import enum_type
from storefront.extensions import db

if TYPE_CHECKING:
    from storefront.accounts.models import User


class ShopStatus(enum.StrEnum):
    #: open: approved products are public and orders are taken
    ACTIVE = "active"
    #: suspended by staff: every product hidden, orders paused
    SUSPENDED = "suspended"


class ContactChoice(enum.StrEnum):
    #: no WhatsApp contact on her public pages (the default: her login number stays private)
    HIDDEN = "hidden"
    #: a separate public number she chose to show
    OWN = "own"
    #: the programme's number, which relays buyers' questions to her
    PROGRAMME = "programme"


class Shop(db.Model):
    __tablename__ = "shops"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the seller who runs it; one shop per seller
    owner_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), unique=True)
    #: URL name, e.g. "dapur-mama-yuli" in /toko/<slug>
    slug: Mapped[str] = mapped_column(sa.String(80), unique=True)
    #: the shop's public name
    name: Mapped[str] = mapped_column(sa.String(120))
    #: her story, shown publicly only with her consent
    story: Mapped[str] = mapped_column(sa.Text, default="")
    #: she agreed (to staff, in person) that her story may be shown publicly
    story_public: Mapped[bool] = mapped_column(default=False)
    #: storage key of her shop photo (media/<key>-<size>.webp), if any
    photo_key: Mapped[str | None] = mapped_column(sa.String(120))
    #: kecamatan in Kota Kupang or kabupaten in NTT (see domain.areas)
    area: Mapped[str] = mapped_column(sa.String(60))
    #: a public WhatsApp number in E.164 she chose to show (not her login number, unless
    #: she typed it here); shown only when ``contact`` is OWN
    whatsapp: Mapped[str | None] = mapped_column(sa.String(20))
    #: how buyers may contact her, by her consent: hidden, her public number or the programme's
    contact: Mapped[ContactChoice] = mapped_column(
        enum_type(ContactChoice), default=ContactChoice.HIDDEN,
        server_default=ContactChoice.HIDDEN.value)
    #: where buyers collect orders; private, shown only on her orders
    pickup_address: Mapped[str] = mapped_column(sa.Text, default="")
    #: active or suspended by staff
    status: Mapped[ShopStatus] = mapped_column(enum_type(ShopStatus), default=ShopStatus.ACTIVE)
    #: her own pause: products stay visible but new orders are refused
    on_holiday: Mapped[bool] = mapped_column(default=False)
    #: the last day of her holiday, if she gave one; buyers read "on holiday until …"
    holiday_until: Mapped[date | None] = mapped_column()
    #: when staff onboarded her (UTC)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    #: the staff member who verified her, offline, as a programme beneficiary (no documents kept)
    verified_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    #: when that verification was recorded (UTC)
    verified_at: Mapped[datetime | None] = mapped_column()

    owner: Mapped[User] = relationship(foreign_keys=[owner_id])

    def public_contact(self, programme_number: str | None) -> str | None:
        """The WhatsApp number buyers see, by her choice; None when she shows none."""
        if self.contact == ContactChoice.OWN:
            return self.whatsapp
        if self.contact == ContactChoice.PROGRAMME:
            return programme_number or None
        return None

    @property
    def is_active(self) -> bool:
        return self.status == ShopStatus.ACTIVE

    @property
    def takes_orders(self) -> bool:
        return self.is_active and not self.on_holiday
