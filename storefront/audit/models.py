"""The audit log: every staff action, who did it, when, and why. Never edited."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storefront import clock
from storefront.accounts.models import User
from storefront.extensions import db


class AuditEntry(db.Model):
    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the staff member (or mentor) who acted
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    #: the seller a mentor acted for, when assisted selling
    on_behalf_of_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    #: what was done: "product.approve", "shop.suspend", "seller.invite", …
    action: Mapped[str] = mapped_column(sa.String(60), index=True)
    #: the shop concerned, for filtering by seller
    shop_id: Mapped[int | None] = mapped_column(sa.ForeignKey("shops.id"), index=True)
    #: the product concerned, for filtering by product
    product_id: Mapped[int | None] = mapped_column(sa.ForeignKey("products.id"), index=True)
    #: other subject, as "type:id" (e.g. "seller_order:12")
    subject: Mapped[str] = mapped_column(sa.String(80), default="")
    #: the reason given, if any
    reason: Mapped[str] = mapped_column(sa.Text, default="")
    #: when (UTC)
    created_at: Mapped[datetime] = mapped_column(default=clock.now, index=True)

    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])
    on_behalf_of: Mapped[User | None] = relationship(foreign_keys=[on_behalf_of_id])


class AuditEntryImmutable(RuntimeError):
    """Someone tried to change or delete an audit entry."""


@sa.event.listens_for(AuditEntry, "before_update")
@sa.event.listens_for(AuditEntry, "before_delete")
def _refuse_change(mapper, connection, target):  # noqa: ARG001
    raise AuditEntryImmutable(target.id)
