"""Programme impact: periods, monthly figures per seller, totals, month-over-month change.

Pure calculations on numbers the database already summed (GROUP BY); nothing here
reads the database. Months are Kupang (WITA) calendar months, named "YYYY-MM".
"""
from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

#: The longest period a report may cover, in days (5 years, leap days included).
MAX_DAYS = 5 * 366
#: an area with fewer sellers than this is "Lainnya" in sponsor exports (k-anonymity)
MIN_AREA_SELLERS = 3
#: shuffles anonymous sellers in sponsor exports; not predictable from outside
_RANDOM = random.SystemRandom()
#: Months the seller's own chart shows.
SELLER_MONTHS = 6


class InvalidPeriod(ValueError):
    """Base of the named errors for a date range a person typed."""


class MalformedDate(InvalidPeriod):
    """A date that is not YYYY-MM-DD."""


class ReversedPeriod(InvalidPeriod):
    """The first day comes after the last day."""


class PeriodTooLong(InvalidPeriod):
    """More than five years at once."""


class MalformedMonth(InvalidPeriod):
    """A month that is not YYYY-MM."""


@dataclass(frozen=True)
class Period:
    """From ``first`` through ``last``, both Kupang dates, both included."""

    first: date
    last: date

    def months(self) -> list[str]:
        return months_between(self.first, self.last)

    def utc_bounds(self, offset: timedelta) -> tuple[datetime, datetime]:
        """[start, end) in naive UTC for a local ``offset`` (WITA: +8 h)."""
        start = datetime.combine(self.first, datetime.min.time()) - offset
        end = datetime.combine(self.last + timedelta(days=1), datetime.min.time()) - offset
        return start, end


def month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def first_of_month(day: date) -> date:
    return day.replace(day=1)


#: the years a report may cover: the programme's, with room (9999-12 would end past date.max)
FIRST_YEAR, LAST_YEAR = 2000, 2999


def add_months(day: date, count: int) -> date:
    """The first day of the month ``count`` months after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def last_of_month(day: date) -> date:
    return add_months(day, 1) - timedelta(days=1)


def months_between(first: date, last: date) -> list[str]:
    """Every month key from ``first``'s month through ``last``'s month."""
    keys, cursor = [], first_of_month(first)
    while cursor <= last:
        keys.append(month_key(cursor))
        cursor = add_months(cursor, 1)
    return keys


def parse_day(text: str) -> date:
    try:
        day = date.fromisoformat(text.strip())
    except (ValueError, AttributeError) as exc:
        raise MalformedDate(str(text)) from exc
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise MalformedDate(str(text))
    return day


def parse_month(text: str) -> Period:
    """``"2026-10"`` → the period of that whole month."""
    parts = (text or "").split("-")
    if len(parts) != 2 or not all(p.isascii() and p.isdigit() for p in parts) or len(parts[0]) != 4:
        raise MalformedMonth(str(text))
    year, month = int(parts[0]), int(parts[1])
    if not 1 <= month <= 12 or not FIRST_YEAR <= year <= LAST_YEAR:
        raise MalformedMonth(str(text))
    first = date(year, month, 1)
    return Period(first, last_of_month(first))


def default_period(today: date, months: int = 6) -> Period:
    """The last ``months`` months, this one included, up to today."""
    return Period(add_months(today, -(months - 1)), today)


def parse_period(first_text: str | None, last_text: str | None, today: date) -> Period:
    """The range a person chose; empty fields fall back to the last 6 months.

    Raises ``MalformedDate``, ``ReversedPeriod`` or ``PeriodTooLong``.
    """
    default = default_period(today)
    first = parse_day(first_text) if (first_text or "").strip() else default.first
    last = parse_day(last_text) if (last_text or "").strip() else default.last
    if first > last:
        raise ReversedPeriod(f"{first} > {last}")
    if (last - first).days >= MAX_DAYS:
        raise PeriodTooLong(f"{first} … {last}")
    return Period(first, last)


@dataclass
class SellerMonth:
    """One seller's figures in one month. Money is signed whole rupiah, as in her ledger."""

    gross_sales: int = 0
    #: negative: the programme's commission, net of what refunds gave back
    commission: int = 0
    #: negative: money returned to buyers
    refunds: int = 0
    #: negative: money sent to her bank account
    payouts: int = 0
    orders: int = 0
    buyers: int = 0
    repeat_buyers: int = 0
    products_listed: int = 0
    products_approved: int = 0

    @property
    def net_earnings(self) -> int:
        """What she earned: sales less refunds and commission."""
        return self.gross_sales + self.refunds + self.commission

    @property
    def paid_out(self) -> int:
        """Payouts made, as a positive amount."""
        return -self.payouts

    @property
    def average_order(self) -> int:
        """Average order value, whole rupiah rounded down; 0 without orders."""
        return self.gross_sales // self.orders if self.orders else 0

    @property
    def repeat_share(self) -> int:
        """Share of buyers who had bought from her before, in whole percent."""
        return round(100 * self.repeat_buyers / self.buyers) if self.buyers else 0

    def add(self, other: SellerMonth) -> None:
        for name in ("gross_sales", "commission", "refunds", "payouts", "orders", "buyers",
                     "repeat_buyers", "products_listed", "products_approved"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


#: Ledger kinds and the SellerMonth field their sums go to.
KIND_FIELDS = {"sale": "gross_sales", "commission": "commission", "refund": "refunds",
               "payout": "payouts"}


@dataclass
class SellerReport:
    """One seller over a period: her months and her totals."""

    shop_id: int
    name: str
    area: str
    consented: bool
    onboarded: datetime
    first_sale: datetime | None
    months: dict[str, SellerMonth] = field(default_factory=dict)
    total: SellerMonth = field(default_factory=SellerMonth)

    @property
    def days_to_first_sale(self) -> int | None:
        if self.first_sale is None:
            return None
        return max(0, (self.first_sale - self.onboarded).days)

    def month(self, key: str) -> SellerMonth:
        return self.months.setdefault(key, SellerMonth())


def public_names(reports: Iterable[SellerReport], anonymous: str,
                 shuffle: Callable[[list], None] = _RANDOM.shuffle) -> dict[int, str]:
    """Names for sponsors: her shop name when she consented, else ``anonymous % n``
    ("Penjual 1", "Penjual 2", … numbered in random order, so a number says nothing
    of her name or of when she joined)."""
    return {r.shop_id: r.name for r in for_sponsors(reports, anonymous, "", shuffle)}


def public_areas(reports: Iterable[SellerReport], other: str) -> dict[int, str]:
    """Areas for sponsors (k-anonymity): an area with fewer than ``MIN_AREA_SELLERS``
    sellers in the export is shown as ``other`` ("Lainnya"), so no one stands alone in hers."""
    reports = list(reports)
    counts = Counter(r.area for r in reports)
    return {r.shop_id: r.area if counts[r.area] >= MIN_AREA_SELLERS else other for r in reports}


def for_sponsors(reports: Iterable[SellerReport], anonymous: str, other: str,
                 shuffle: Callable[[list], None] = _RANDOM.shuffle) -> list[SellerReport]:
    """The sellers as sponsors see them, public names and areas: those who consented first,
    by name, then the others as "Penjual 1", "Penjual 2"… in a random order."""
    reports = list(reports)
    areas = public_areas(reports, other)
    named = sorted((r for r in reports if r.consented), key=lambda r: r.name.lower())
    hidden = [r for r in reports if not r.consented]
    shuffle(hidden)
    return ([replace(r, area=areas[r.shop_id]) for r in named]
            + [replace(r, name=anonymous % n, area=areas[r.shop_id])
               for n, r in enumerate(hidden, start=1)])


@dataclass(frozen=True)
class Change:
    """This month against last month."""

    #: "up", "down", "same", "first" (nothing last month) or "none" (nothing either month)
    direction: str
    #: whole percent, always positive
    percent: int


def month_change(this_month: int, last_month: int) -> Change:
    if last_month <= 0:
        return Change("first" if this_month > 0 else "none", 0)
    percent = round(abs(this_month - last_month) * 100 / last_month)
    if this_month == last_month or percent == 0:
        return Change("same", 0)
    return Change("up" if this_month > last_month else "down", percent)


def short_rupiah(amount: int) -> str:
    """A short label for charts: ``Rp 600rb``, ``Rp 1,2jt``, ``Rp 3M`` (ribu, juta, miliar)."""
    sign, value = ("-" if amount < 0 else ""), abs(int(amount))
    for size, unit in ((1_000_000_000, "M"), (1_000_000, "jt"), (1_000, "rb")):
        if value >= size:
            number = f"{value / size:.1f}".rstrip("0").rstrip(".").replace(".", ",")
            return f"{sign}Rp {number}{unit}"
    return f"{sign}Rp {value}"


def nice_ticks(top: int, count: int = 5) -> list[int]:
    """Round axis marks from 0 up to at least ``top`` (e.g. 0, 500.000, 1.000.000 …)."""
    if top <= 0:
        return [0]
    raw = top / count
    magnitude = 10 ** (len(str(int(raw))) - 1)
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    step = max(1, int(step))
    return [step * n for n in range(0, -(-top // step) + 1)]
