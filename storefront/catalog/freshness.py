"""Notice every commit that changes what public listings show, and bump the catalog version
after it, so cached fragments are replaced at once (``storefront.web.fragments``).

Changes are seen two ways: objects of the listing tables flushed by the ORM, and UPDATE,
INSERT or DELETE statements run on those tables. Stock moves at checkout are the exception:
they would empty the cache on every sale of Hari Ibu, so those statements carry
``STOCK_ONLY`` and their service calls ``mark_changed`` only when a product sells out or
comes back in stock, the only stock change a listing shows.
"""
from __future__ import annotations

import sqlalchemy as sa
from flask import has_app_context
from flask_sqlalchemy.session import Session

#: Tables whose rows appear on listings: names, prices, photos, badges, shops, collections.
LISTING_TABLES = frozenset({"products", "product_photos", "approved_versions", "shops",
                            "categories", "collections", "collection_items"})
#: Execution option on stock-only statements, which mark the change themselves when it shows.
STOCK_ONLY = "stock_only"

_CHANGED = "storefront.catalog_changed"


def mark_changed(session: Session) -> None:
    """Record that this transaction changes what listings show."""
    session.info[_CHANGED] = True


def _table_name(obj) -> str | None:
    table = getattr(obj, "__table__", None)
    return table.name if table is not None else None


@sa.event.listens_for(Session, "before_flush")
def _on_flush(session: Session, _context, _instances) -> None:
    if any(_table_name(obj) in LISTING_TABLES
           for obj in (*session.new, *session.dirty, *session.deleted)):
        mark_changed(session)


@sa.event.listens_for(Session, "do_orm_execute")
def _on_statement(state) -> None:
    if not (state.is_update or state.is_delete or state.is_insert):
        return
    if state.execution_options.get(STOCK_ONLY):
        return
    table = getattr(state.statement, "table", None)
    if getattr(table, "name", None) in LISTING_TABLES:
        mark_changed(state.session)


@sa.event.listens_for(Session, "after_commit")
def _on_commit(session: Session) -> None:
    if session.info.pop(_CHANGED, False) and has_app_context():
        from storefront.web.fragments import bump_catalog_version

        bump_catalog_version()


@sa.event.listens_for(Session, "after_rollback")
def _on_rollback(session: Session) -> None:
    session.info.pop(_CHANGED, None)
