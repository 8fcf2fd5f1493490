"""Put the impact queries together into one report: sellers × months, and programme totals."""
from __future__ import annotations

from dataclasses import dataclass, field

from flask import has_request_context
from flask_babel import get_locale

from storefront.domain.impact import KIND_FIELDS, SellerMonth, SellerReport
from storefront.impact import queries
from storefront.impact.queries import Filters


@dataclass
class CategorySales:
    name: str
    amount: int


@dataclass
class Report:
    filters: Filters
    months: list[str]
    sellers: list[SellerReport]
    #: programme totals per month, buyers counted once across sellers
    month_totals: dict[str, SellerMonth] = field(default_factory=dict)
    #: programme totals over the whole period
    total: SellerMonth = field(default_factory=SellerMonth)
    categories: list[CategorySales] = field(default_factory=list)
    #: (payment method, completed seller orders)
    methods: list[tuple[str, int]] = field(default_factory=list)


def _buyer_figures(target: SellerMonth, orders: int, buyers: int, repeat: int) -> None:
    target.orders, target.buyers, target.repeat_buyers = int(orders), int(buyers), int(repeat)


def build(filters: Filters) -> Report:
    """The whole report in a fixed number of queries (6), whatever the number of rows."""
    months = filters.period.months()
    sellers = {row.id: SellerReport(shop_id=row.id, name=row.name, area=row.area,
                                    consented=bool(row.story_public), onboarded=row.created_at,
                                    first_sale=row.first)
               for row in queries.shops(filters)}
    report = Report(filters=filters, months=months, sellers=list(sellers.values()),
                    month_totals={key: SellerMonth() for key in months})

    for shop_id, month, kind, amount in queries.ledger_sums(filters):
        name = KIND_FIELDS[str(kind)]
        for target in (sellers[shop_id].month(month), sellers[shop_id].total):
            setattr(target, name, getattr(target, name) + int(amount))
    for shop_id, month, what, count in queries.products(filters):
        name = f"products_{what}"
        for target in (sellers[shop_id].month(month), sellers[shop_id].total):
            setattr(target, name, getattr(target, name) + int(count))
    buyer_rows = queries.buyers(filters)
    for level, shop_id, month, *counts in buyer_rows:
        if level == queries.BY_SHOP_MONTH:
            _buyer_figures(sellers[shop_id].month(month), *counts)
        elif level == queries.BY_SHOP:
            _buyer_figures(sellers[shop_id].total, *counts)

    for seller in report.sellers:
        for month, figures in seller.months.items():
            report.month_totals.setdefault(month, SellerMonth()).add(figures)
        report.total.add(seller.total)
    for level, _shop, month, *counts in buyer_rows:
        if level == queries.BY_MONTH:
            _buyer_figures(report.month_totals.setdefault(month, SellerMonth()), *counts)
        elif level == queries.OVERALL:
            _buyer_figures(report.total, *counts)

    english = has_request_context() and str(get_locale() or "id") == "en"
    report.categories = [CategorySales(name_en if english else name_id, int(amount))
                         for _id, name_id, name_en, amount in queries.category_sales(filters)]
    report.methods = [(str(method), int(count)) for method, count in queries.payment_methods(filters)]
    return report


def seller_rows(report: Report):
    """(seller, month key, figures) for every month of the period, months without data as zeros."""
    for seller in report.sellers:
        for month in report.months:
            yield seller, month, seller.months.get(month, SellerMonth())
