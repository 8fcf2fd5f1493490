"""Handover codes at pickup points: six random digits, compared in constant time, locked
after repeated misses."""
from __future__ import annotations

import hmac
import secrets
from datetime import datetime, timedelta

#: Wrong codes allowed before the parcel is locked for a while.
MAX_FAILURES = 5
#: How long a locked parcel refuses codes.
LOCK_FOR = timedelta(minutes=30)


class HandoverError(ValueError):
    pass


class WrongCode(HandoverError):
    def __init__(self, left: int):
        super().__init__(left)
        self.left = left


class Locked(HandoverError):
    def __init__(self, until: datetime):
        super().__init__(until)
        self.until = until


def new_code() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


def clean(code: str | None) -> str:
    return "".join(ch for ch in (code or "") if ch.isdigit())[:12]


def check(code: str | None, stored: str, failures: int,
          locked_until: datetime | None, now: datetime) -> None:
    """Raise ``Locked`` or ``WrongCode`` (with the tries left); return when the code is right."""
    if locked_until is not None and locked_until > now:
        raise Locked(locked_until)
    given = clean(code)
    if len(given) == 6 and hmac.compare_digest(given.encode(), stored.encode()):
        return
    raise WrongCode(max(MAX_FAILURES - failures - 1, 0))
