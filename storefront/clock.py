"""The one place the app reads the time, so tests can move the clock.

Times are stored as naive UTC datetimes (SQLite keeps no offset); pages show
them in the app's time zone (WITA) through Flask-Babel.
"""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

#: Kupang is on WITA, UTC+8; used for "today" in delivery dates and campaigns.
WITA = timedelta(hours=8)

_frozen: datetime | None = None


def now() -> datetime:
    """The current naive UTC time, or the time a test froze."""
    return _frozen if _frozen is not None else datetime.now(UTC).replace(tzinfo=None)


def today_local() -> date:
    """Today's date in Kupang."""
    return (now() + WITA).date()


def freeze(at: datetime | None) -> None:
    """Stop the clock at ``at`` (naive UTC); ``None`` lets it run again. Tests only."""
    global _frozen
    _frozen = at
