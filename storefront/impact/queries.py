"""The impact report's SQL: a fixed handful of GROUP BY queries, whatever the data's size.

Sales count when a seller order is completed, exactly as in the ledger: every order,
buyer and category figure is read through the order's ``sale`` ledger entry and
dated by it. Buyers are counted by their normalised phone (E.164) inside SQL only;
no phone number ever leaves the database.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from storefront.catalog.models import Category, Product
from storefront.clock import WITA
from storefront.domain.impact import Period
from storefront.domain.ledger import EntryKind
from storefront.extensions import db
from storefront.ledger.models import LedgerEntry
from storefront.orders.models import Order, OrderLine, SellerOrder
from storefront.shops.models import Shop


@dataclass(frozen=True)
class Filters:
    """Which sellers and which days a report covers."""

    period: Period
    area: str = ""
    category_id: int | None = None

    @property
    def bounds(self) -> tuple[datetime, datetime]:
        return self.period.utc_bounds(WITA)


def month_of(column):
    """The Kupang month ("YYYY-MM") of a naive UTC timestamp column, in SQL."""
    hours = int(WITA.total_seconds() // 3600)
    if db.engine.dialect.name == "postgresql":
        return sa.func.to_char(column + sa.text(f"interval '{hours} hours'"), "YYYY-MM")
    return sa.func.strftime("%Y-%m", column, f"+{hours} hours")


def _shop_ids(filters: Filters):
    """The chosen sellers, as a subquery: by area, and by having a product in the category."""
    query = sa.select(Shop.id)
    if filters.area:
        query = query.where(Shop.area == filters.area)
    if filters.category_id is not None:
        query = query.where(Shop.id.in_(
            sa.select(Product.shop_id).where(Product.category_id == filters.category_id)))
    return query


def _in_period(column, filters: Filters):
    start, end = filters.bounds
    return sa.and_(column >= start, column < end)


def shops(filters: Filters) -> list[sa.Row]:
    """Each chosen seller with her onboarding time and the time of her first sale ever."""
    first_sale = (sa.select(LedgerEntry.shop_id, sa.func.min(LedgerEntry.created_at).label("first"))
                  .where(LedgerEntry.kind == EntryKind.SALE).group_by(LedgerEntry.shop_id).subquery())
    return db.session.execute(
        sa.select(Shop.id, Shop.name, Shop.area, Shop.created_at, Shop.story_public, first_sale.c.first)
        .outerjoin(first_sale, first_sale.c.shop_id == Shop.id)
        .where(Shop.id.in_(_shop_ids(filters))).order_by(Shop.name, Shop.id)).all()


def ledger_sums(filters: Filters) -> list[sa.Row]:
    """(shop, month, kind, sum of amounts) of the chosen sellers' ledger entries."""
    month = month_of(LedgerEntry.created_at).label("month")
    return db.session.execute(
        sa.select(LedgerEntry.shop_id, month, LedgerEntry.kind, sa.func.sum(LedgerEntry.amount))
        .where(LedgerEntry.shop_id.in_(_shop_ids(filters)), _in_period(LedgerEntry.created_at, filters))
        .group_by(LedgerEntry.shop_id, month, LedgerEntry.kind)).all()


def _sales():
    """Completed seller orders: each one's sale entry with its order's buyer phone."""
    return (sa.select(LedgerEntry.shop_id, LedgerEntry.created_at, LedgerEntry.seller_order_id,
                      Order.buyer_phone.label("phone"), Order.payment_method)
            .join(SellerOrder, SellerOrder.id == LedgerEntry.seller_order_id)
            .join(Order, Order.id == SellerOrder.order_id)
            .where(LedgerEntry.kind == EntryKind.SALE))


#: The groupings of ``buyers``: by seller and month, by seller, by month, the whole period.
BY_SHOP_MONTH, BY_SHOP, BY_MONTH, OVERALL = 3, 2, 1, 0


def buyers(filters: Filters) -> list[sa.Row]:
    """(grouping, shop, month, orders, distinct buyers, repeat buyers) in one statement.

    A repeat buyer bought, in the period, an order that was not her first from that
    seller (per seller), or not her first in the programme (programme rows). Her first
    purchase is looked up over all time with a window function, computed once.
    """
    sales = _sales().subquery()
    ranked = sa.select(
        sales.c.shop_id, sales.c.created_at, sales.c.seller_order_id, sales.c.phone,
        sa.func.min(sales.c.created_at).over(partition_by=[sales.c.shop_id, sales.c.phone])
        .label("first_here"),
        sa.func.min(sales.c.created_at).over(partition_by=sales.c.phone).label("first_any"),
    ).cte("ranked")
    chosen = (sa.select(ranked, month_of(ranked.c.created_at).label("month"))
              .where(ranked.c.shop_id.in_(_shop_ids(filters)), _in_period(ranked.c.created_at, filters))
              .cte("chosen"))
    no_shop, no_month = sa.cast(sa.null(), sa.Integer), sa.cast(sa.null(), sa.String)

    def counts(level: int, shop, month, first):
        repeat = sa.case((chosen.c.created_at > first, chosen.c.phone))
        query = sa.select(sa.literal(level).label("level"), shop.label("shop_id"), month.label("month"),
                          sa.func.count(chosen.c.seller_order_id), sa.func.count(sa.distinct(chosen.c.phone)),
                          sa.func.count(sa.distinct(repeat)))
        keys = [k for k in (shop, month) if k is not no_shop and k is not no_month]
        return query.group_by(*keys) if keys else query

    statement = sa.union_all(
        counts(BY_SHOP_MONTH, chosen.c.shop_id, chosen.c.month, chosen.c.first_here),
        counts(BY_SHOP, chosen.c.shop_id, no_month, chosen.c.first_here),
        counts(BY_MONTH, no_shop, chosen.c.month, chosen.c.first_any),
        counts(OVERALL, no_shop, no_month, chosen.c.first_any))
    return db.session.execute(statement).all()


def products(filters: Filters) -> list[sa.Row]:
    """(shop, month, "listed" | "approved", count): products created, and approved, per month."""
    listed_month = month_of(Product.created_at).label("month")
    approved_month = month_of(Product.approved_at).label("month")
    chosen = Product.shop_id.in_(_shop_ids(filters))
    listed = (sa.select(Product.shop_id, listed_month, sa.literal("listed").label("what"),
                        sa.func.count().label("n"))
              .where(chosen, _in_period(Product.created_at, filters))
              .group_by(Product.shop_id, listed_month))
    approved = (sa.select(Product.shop_id, approved_month, sa.literal("approved").label("what"),
                          sa.func.count().label("n"))
                .where(chosen, Product.approved_at.is_not(None), _in_period(Product.approved_at, filters))
                .group_by(Product.shop_id, approved_month))
    return db.session.execute(sa.union_all(listed, approved)).all()


def category_sales(filters: Filters) -> list[sa.Row]:
    """(category id, Indonesian name, English name, goods sold in rupiah) of completed orders,
    from the line snapshots (delivery fees are not goods)."""
    amount = sa.func.sum(OrderLine.unit_price * OrderLine.quantity)
    return db.session.execute(
        sa.select(Category.id, Category.name_id, Category.name_en, amount)
        .select_from(LedgerEntry)
        .join(OrderLine, OrderLine.seller_order_id == LedgerEntry.seller_order_id)
        .join(Product, Product.id == OrderLine.product_id)
        .join(Category, Category.id == Product.category_id)
        .where(LedgerEntry.kind == EntryKind.SALE, LedgerEntry.shop_id.in_(_shop_ids(filters)),
               _in_period(LedgerEntry.created_at, filters))
        .group_by(Category.id, Category.name_id, Category.name_en)
        .order_by(amount.desc(), Category.id)).all()


def payment_methods(filters: Filters) -> list[sa.Row]:
    """(payment method, completed seller orders) in the period."""
    sales = _sales().where(LedgerEntry.shop_id.in_(_shop_ids(filters)),
                           _in_period(LedgerEntry.created_at, filters)).subquery()
    return db.session.execute(
        sa.select(sales.c.payment_method, sa.func.count())
        .group_by(sales.c.payment_method).order_by(sales.c.payment_method)).all()


def categories() -> list[Category]:
    return list(db.session.scalars(sa.select(Category).order_by(Category.position, Category.id)))
