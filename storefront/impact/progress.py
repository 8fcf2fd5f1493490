"""The seller's own progress: her last months, her best sellers, her balance, her next payout.

Everything is read for her shop only.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa

from storefront import clock
from storefront.domain.impact import SELLER_MONTHS, Change, add_months, month_change, month_key
from storefront.domain.ledger import EntryKind
from storefront.extensions import db
from storefront.impact.queries import month_of
from storefront.ledger import services as ledger
from storefront.ledger.models import LedgerEntry, Payout, PayoutStatus
from storefront.orders.models import OrderLine


@dataclass
class Progress:
    months: list[str]
    #: gross sales per month, same order as ``months``
    sales: list[int]
    change: Change
    #: (product name, units sold, rupiah) over the months shown
    best: list[tuple[str, int, int]]
    balance: int
    #: a payout staff recorded that waits for approval, if any
    pending_payout: int

    @property
    def by_month(self) -> list[tuple[str, int]]:
        return list(zip(self.months, self.sales, strict=True))

    @property
    def this_month(self) -> int:
        return self.sales[-1]

    @property
    def last_month(self) -> int:
        return self.sales[-2]


def _utc(day: date) -> datetime:
    """Kupang midnight of ``day`` in naive UTC."""
    return datetime.combine(day, datetime.min.time()) - clock.WITA


def monthly_sales(shop_id: int, months: int = SELLER_MONTHS) -> tuple[list[str], list[int]]:
    today = clock.today_local()
    keys = [month_key(add_months(today, -n)) for n in range(months - 1, -1, -1)]
    start = _utc(add_months(today, -(months - 1)))
    month = month_of(LedgerEntry.created_at).label("month")
    sums = dict(db.session.execute(
        sa.select(month, sa.func.sum(LedgerEntry.amount))
        .where(LedgerEntry.shop_id == shop_id, LedgerEntry.kind == EntryKind.SALE,
               LedgerEntry.created_at >= start).group_by(month)).all())
    return keys, [int(sums.get(key) or 0) for key in keys]


def best_sellers(shop_id: int, months: int = SELLER_MONTHS, limit: int = 3) -> list[tuple[str, int, int]]:
    start = _utc(add_months(clock.today_local(), -(months - 1)))
    units = sa.func.sum(OrderLine.quantity)
    amount = sa.func.sum(OrderLine.unit_price * OrderLine.quantity)
    rows = db.session.execute(
        sa.select(OrderLine.product_id, sa.func.max(OrderLine.product_name), units, amount)
        .join(LedgerEntry, LedgerEntry.seller_order_id == OrderLine.seller_order_id)
        .where(LedgerEntry.shop_id == shop_id, LedgerEntry.kind == EntryKind.SALE,
               LedgerEntry.created_at >= start)
        .group_by(OrderLine.product_id).order_by(units.desc(), amount.desc()).limit(limit)).all()
    return [(name, int(n), int(total)) for _pid, name, n, total in rows]


def for_shop(shop_id: int) -> Progress:
    months, sales = monthly_sales(shop_id)
    pending = db.session.scalar(sa.select(sa.func.coalesce(sa.func.sum(Payout.amount), 0)).where(
        Payout.shop_id == shop_id, Payout.status == PayoutStatus.AWAITING_APPROVAL))
    return Progress(months=months, sales=sales, change=month_change(sales[-1], sales[-2]),
                    best=best_sellers(shop_id), balance=ledger.balance(shop_id),
                    pending_payout=int(pending or 0))
