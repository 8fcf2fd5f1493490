"""Write audit entries. Callers flush with the rest of their change."""
from __future__ import annotations

from storefront.accounts.models import User
from storefront.audit.models import AuditEntry
from storefront.extensions import db


def record(actor: User | None, action: str, *, shop_id: int | None = None,
           product_id: int | None = None, subject: str = "", reason: str = "",
           on_behalf_of: User | None = None) -> AuditEntry:
    """Add one audit entry to the session."""
    entry = AuditEntry(
        actor_id=actor.id if actor else None,
        on_behalf_of_id=on_behalf_of.id if on_behalf_of else None,
        action=action, shop_id=shop_id, product_id=product_id,
        subject=subject, reason=reason or "",
    )
    db.session.add(entry)
    return entry
