"""Assisted selling: how long a seller's consent lasts and whether it holds right now."""
from __future__ import annotations

import enum
from datetime import datetime, timedelta

#: The shortest and longest help a seller can allow in one go, in days.
MIN_DAYS = 1
MAX_DAYS = 90


class ConsentState(enum.StrEnum):
    #: the mentor may act for her now
    ACTIVE = "active"
    #: its days have run out
    EXPIRED = "expired"
    #: she (or staff for her) took it back
    REVOKED = "revoked"


class InvalidConsentDays(ValueError):
    """A consent must last between MIN_DAYS and MAX_DAYS days."""


def consent_end(granted_at: datetime, days: int) -> datetime:
    """When a consent given at ``granted_at`` for ``days`` days ends."""
    if not isinstance(days, int) or not MIN_DAYS <= days <= MAX_DAYS:
        raise InvalidConsentDays(days)
    return granted_at + timedelta(days=days)


def consent_state(expires_at: datetime, revoked_at: datetime | None, now: datetime) -> ConsentState:
    """Revoked wins over expired; a consent holds until (not at) its end."""
    if revoked_at is not None and revoked_at <= now:
        return ConsentState.REVOKED
    if now >= expires_at:
        return ConsentState.EXPIRED
    return ConsentState.ACTIVE
