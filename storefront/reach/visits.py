"""Count visits that arrive through a tagged link (?src=poster|label|wa)."""
from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from storefront import clock
from storefront.extensions import db
from storefront.reach.models import ShopVisit, VisitSource

#: The tags a link may carry; anything else is not counted.
SOURCES = {source.value: source for source in VisitSource}


def count_visit(shop_id: int, tag: str | None) -> bool:
    """Add one to today's counter for ``tag``; unknown or missing tags count nothing."""
    source = SOURCES.get(tag or "")
    if source is None:
        return False
    insert = postgresql.insert if db.engine.dialect.name == "postgresql" else sqlite.insert
    table = ShopVisit.__table__
    stmt = insert(table).values(shop_id=shop_id, day=clock.today_local(), source=source.value, count=1)
    stmt = stmt.on_conflict_do_update(
        index_elements=["shop_id", "day", "source"], set_={"count": table.c.count + 1})
    db.session.execute(stmt)
    return True


def totals_by_source(shop_id: int, days: int = 30) -> dict[VisitSource, int]:
    """Visits per source over the last ``days`` days, every source present (0 if none)."""
    since: date = clock.today_local() - timedelta(days=days - 1)
    rows = db.session.execute(
        sa.select(ShopVisit.source, sa.func.sum(ShopVisit.count))
        .where(ShopVisit.shop_id == shop_id, ShopVisit.day >= since)
        .group_by(ShopVisit.source))
    found = {source: int(total) for source, total in rows}
    return {source: found.get(source, 0) for source in VisitSource}
