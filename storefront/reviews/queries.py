"""Read-only review queries: each one SQL statement, however many reviews there are."""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from storefront.catalog.models import Product
from storefront.domain.reviews import average
from storefront.extensions import db
from storefront.orders.models import Order, OrderLine, SellerOrder
from storefront.reviews.models import Review

#: Reviews shown on a product page (newest first).
PRODUCT_PAGE_LIMIT = 10
#: Most reviews one seller or staff list shows.
LIST_LIMIT = 100


@dataclass(frozen=True)
class Summary:
    """Average stars (one decimal) and how many shown reviews there are."""

    average: float
    count: int

    def as_rating(self) -> tuple[float, int] | None:
        """(average, count) for the JSON-LD ``AggregateRating``, or None without reviews."""
        return (self.average, self.count) if self.count else None


def _summary(where) -> Summary:
    total, count = db.session.execute(
        sa.select(sa.func.coalesce(sa.func.sum(Review.rating), 0), sa.func.count(Review.id))
        .where(where, Review.hidden_at.is_(None))).one()
    return Summary(average=average(int(total), int(count)), count=int(count))


def summary_for_product(product_id: int) -> Summary:
    return _summary(Review.product_id == product_id)


def summary_for_shop(shop_id: int) -> Summary:
    return _summary(Review.shop_id == shop_id)


def latest_for_product(product_id: int, limit: int = PRODUCT_PAGE_LIMIT) -> list[Review]:
    return list(db.session.scalars(
        sa.select(Review).where(Review.product_id == product_id, Review.hidden_at.is_(None))
        .order_by(Review.created_at.desc(), Review.id.desc()).limit(limit)))


def line_of_order(token: str, line_id: int) -> OrderLine | None:
    """The line, only when it belongs to the order of this tracking token."""
    if not token or len(token) > 64:
        return None
    return db.session.scalar(
        sa.select(OrderLine).join(OrderLine.seller_order).join(SellerOrder.order)
        .where(Order.token == token, OrderLine.id == line_id)
        .options(joinedload(OrderLine.seller_order).joinedload(SellerOrder.order),
                 joinedload(OrderLine.seller_order).joinedload(SellerOrder.shop)))


def for_line(line_id: int) -> Review | None:
    return db.session.scalar(sa.select(Review).where(Review.order_line_id == line_id))


def for_lines(line_ids: list[int]) -> dict[int, Review]:
    if not line_ids:
        return {}
    rows = db.session.scalars(sa.select(Review).where(Review.order_line_id.in_(line_ids)))
    return {review.order_line_id: review for review in rows}


def for_shop(shop_id: int) -> list[Review]:
    """Reviews of her products, newest first, hidden ones included (she sees why)."""
    return list(db.session.scalars(
        sa.select(Review).where(Review.shop_id == shop_id)
        .order_by(Review.created_at.desc(), Review.id.desc()).limit(LIST_LIMIT)
        .options(joinedload(Review.product))))


def of_shop(review_id: int, shop_id: int) -> Review | None:
    return db.session.scalar(sa.select(Review).where(Review.id == review_id,
                                                     Review.shop_id == shop_id))


def for_staff() -> list[Review]:
    return list(db.session.scalars(
        sa.select(Review).order_by(Review.created_at.desc(), Review.id.desc()).limit(LIST_LIMIT)
        .options(joinedload(Review.product).joinedload(Product.shop))))
