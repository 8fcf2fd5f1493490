"""Staff permissions ("admin", "finance", "mentor"): who has which, and changing them.

Flushes, never commits. A change is one conditional UPDATE on the permissions the admin
saw, so of two admins saving at once only the first wins, and only she writes the audit.
"""
from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from storefront.accounts.models import Role, User
from storefront.audit.services import record
from storefront.extensions import db

#: may give and take staff permissions
ADMIN = "admin"
#: Each permission, with what it lets her do, in the order shown.
PERMISSIONS = {
    ADMIN: _l("Give and take staff permissions"),
    "finance": _l("See whole bank account numbers and approve payouts"),
    "mentor": _l("Help sellers with their shop, when a seller allows it"),
}


class UnknownPermission(ValueError):
    """A permission name that does not exist."""


class NotStaff(ValueError):
    """Permissions are only for programme staff."""


class ChangedMeanwhile(RuntimeError):
    """Someone else changed her permissions after the page was opened."""


class OwnAdmin(ValueError):
    """An admin may not take away her own admin permission (nobody could give it back)."""


def parse(text: str) -> frozenset[str]:
    """The set in a stored "finance,mentor" string; unknown leftovers are kept out."""
    return frozenset(p.strip() for p in (text or "").split(",") if p.strip() in PERMISSIONS)


def text_of(permissions: frozenset[str] | set[str]) -> str:
    """The stored form: known names, in the order of ``PERMISSIONS``."""
    return ",".join(name for name in PERMISSIONS if name in permissions)


def staff_members() -> list[User]:
    return list(db.session.scalars(sa.select(User).where(User.role == Role.STAFF).order_by(User.name)))


def set_permissions(target: User, wanted: set[str], *, seen: str, actor: User | None) -> bool:
    """Give ``target`` exactly ``wanted``. ``seen`` is the stored text the actor saw.

    Returns False when nothing changed. Raises ``ChangedMeanwhile`` when the row no longer
    holds ``seen``. ``actor`` None means the command line.
    """
    unknown = set(wanted) - set(PERMISSIONS)
    if unknown:
        raise UnknownPermission(", ".join(sorted(unknown)))
    if target.role != Role.STAFF:
        raise NotStaff(target.id)
    if actor is not None and actor.id == target.id and ADMIN not in wanted:
        raise OwnAdmin(target.id)
    new = text_of(wanted)
    if new == text_of(parse(seen)) and seen == target.permissions:
        return False
    changed = db.session.execute(
        sa.update(User).where(User.id == target.id, User.role == Role.STAFF,
                              User.permissions == seen).values(permissions=new)
        .execution_options(synchronize_session=False)).rowcount
    if changed != 1:
        raise ChangedMeanwhile(target.id)
    record(actor, "staff.permissions", subject=f"user:{target.id}",
           reason=f"{seen or '-'} -> {new or '-'}")
    db.session.flush()
    db.session.refresh(target)
    return True


def grant(target: User, name: str, actor: User | None = None) -> bool:
    """Add one permission (the ``flask staff grant`` command)."""
    return set_permissions(target, set(parse(target.permissions)) | {name},
                           seen=target.permissions, actor=actor)


def revoke(target: User, name: str, actor: User | None = None) -> bool:
    """Take one permission away."""
    return set_permissions(target, set(parse(target.permissions)) - {name},
                           seen=target.permissions, actor=actor)
