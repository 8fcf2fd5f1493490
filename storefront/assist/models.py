"""A seller's consent that a mentor acts for her. Append-only: only a revocation is ever added."""
from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storefront import clock
from storefront.accounts.models import User
from storefront.dbtypes import enum_type
from storefront.domain.assist import ConsentState, consent_state
from storefront.extensions import db


class ConsentChannel(enum.StrEnum):
    #: she chose the mentor herself, on her dashboard
    DASHBOARD = "dashboard"
    #: she said yes in person and a staff member recorded it
    IN_PERSON = "in_person"


class AssistConsent(db.Model):
    __tablename__ = "assist_consents"
    __table_args__ = (
        sa.CheckConstraint("expires_at > granted_at", name="ends_after_start"),
        sa.Index("ix_assist_consents_mentor_seller", "mentor_id", "seller_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the seller who allows the help
    seller_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    #: the mentor (staff with the "mentor" permission) allowed to act for her
    mentor_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    #: on her dashboard, or in person to staff
    channel: Mapped[ConsentChannel] = mapped_column(enum_type(ConsentChannel))
    #: the day she gave it (Kupang date); for in-person consent, as staff wrote it down
    given_on: Mapped[date] = mapped_column(sa.Date)
    #: who recorded it: she herself, or the staff member who heard her
    recorded_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    #: from when the mentor may act (UTC)
    granted_at: Mapped[datetime] = mapped_column(default=clock.now)
    #: until when the mentor may act (UTC), from the number of days chosen
    expires_at: Mapped[datetime] = mapped_column()
    #: when it was taken back (UTC); NULL while it stands
    revoked_at: Mapped[datetime | None] = mapped_column()
    #: who took it back: she herself or staff
    revoked_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    seller: Mapped[User] = relationship(foreign_keys=[seller_id])
    mentor: Mapped[User] = relationship(foreign_keys=[mentor_id])
    recorded_by: Mapped[User] = relationship(foreign_keys=[recorded_by_id])
    revoked_by: Mapped[User | None] = relationship(foreign_keys=[revoked_by_id])

    @property
    def state(self) -> ConsentState:
        return consent_state(self.expires_at, self.revoked_at, clock.now())


class ConsentImmutable(RuntimeError):
    """Someone tried to delete a consent or change more than its revocation."""


#: The only columns an update may fill, and only once (from NULL).
_REVOCATION = ("revoked_at", "revoked_by_id")


@sa.event.listens_for(AssistConsent, "before_delete")
def _refuse_delete(mapper, connection, target):  # noqa: ARG001
    raise ConsentImmutable(target.id)


@sa.event.listens_for(AssistConsent, "before_update")
def _only_revocation(mapper, connection, target):  # noqa: ARG001
    state = sa.inspect(target)
    for attr in state.attrs:
        history = attr.load_history()
        if not history.has_changes():
            continue
        if attr.key in ("seller", "mentor", "recorded_by", "revoked_by"):
            continue
        if attr.key not in _REVOCATION or history.deleted not in ((), [None], (None,)):
            raise ConsentImmutable(target.id)
