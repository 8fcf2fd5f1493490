"""The Hari Ibu campaign: the order-by date and which made-to-order products miss it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


class InvalidCampaignDay(ValueError):
    """The configured campaign day is not a month-day such as "12-22"."""


def parse_month_day(text: str) -> tuple[int, int]:
    """"12-22" → (12, 22)."""
    try:
        month, day = (int(part) for part in text.strip().split("-"))
        date(2000, month, day)  # a leap year accepts every real month-day
    except (ValueError, TypeError) as exc:
        raise InvalidCampaignDay(text) from exc
    return month, day


def next_occurrence(today: date, month: int, day: int) -> date:
    """This year's campaign day, or next year's once this year's has passed."""
    this_year = date(today.year, month, day)
    return this_year if today <= this_year else date(today.year + 1, month, day)


@dataclass(frozen=True)
class Campaign:
    """The campaign as seen on one day."""

    #: the day itself (Hari Ibu, 22 December)
    day: date
    #: the last day an order of a ready product can be placed to arrive before ``day``
    order_by: date
    #: days needed to deliver once a product is ready
    delivery_days: int
    #: the day the calculation was made for
    today: date

    @property
    def days_left(self) -> int:
        """Days left to order, today included; 0 once the order-by date has passed."""
        return max(0, (self.order_by - self.today).days + 1)

    def latest_order_day(self, lead_days: int) -> date:
        """The last day to order something that takes ``lead_days`` to make."""
        return self.order_by - timedelta(days=max(0, lead_days))

    def misses(self, made_to_order: bool, lead_days: int | None) -> bool:
        """True when a made-to-order product ordered today cannot arrive before the day."""
        if not made_to_order:
            return self.today > self.order_by
        return self.today > self.latest_order_day(lead_days or 0)


def campaign(today: date, month_day: str = "12-22", delivery_days: int = 1) -> Campaign:
    """The campaign for the next Hari Ibu: delivered before the day means by the day before."""
    month, day = parse_month_day(month_day)
    the_day = next_occurrence(today, month, day)
    order_by = the_day - timedelta(days=1 + max(0, delivery_days))
    return Campaign(day=the_day, order_by=order_by, delivery_days=delivery_days, today=today)


def season(today: date, start_month_day: str = "12-01", day_month_day: str = "12-22") -> tuple[date, date]:
    """The next (or current) Hari Ibu season: from its first day to the day itself."""
    month, day = parse_month_day(day_month_day)
    the_day = next_occurrence(today, month, day)
    start_month, start_day = parse_month_day(start_month_day)
    start = date(the_day.year, start_month, start_day)
    if start > the_day:  # a season that starts in the year before the day
        start = date(the_day.year - 1, start_month, start_day)
    return start, the_day


def in_season(today: date, start_month_day: str = "12-01", day_month_day: str = "12-22") -> bool:
    """True from the season's first day to Hari Ibu itself, both included."""
    start, the_day = season(today, start_month_day, day_month_day)
    return start <= today <= the_day
