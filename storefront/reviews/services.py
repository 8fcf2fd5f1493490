"""Leaving a review, the seller's reply, staff hiding one. Flushes, never commits."""
from __future__ import annotations

from flask import url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from storefront import clock
from storefront.accounts.models import User
from storefront.audit.services import record
from storefront.domain.order_states import SellerOrderStatus
from storefront.domain.reviews import (
    MAX_REPLY,
    AlreadyReplied,
    AlreadyReviewed,
    PurchaseNotCompleted,
    TextRequired,
    check_rating,
    check_text,
    public_name,
)
from storefront.extensions import db
from storefront.notifications.services import notify
from storefront.orders.models import OrderLine
from storefront.reviews import queries
from storefront.reviews.models import Review


def check_may_review(line: OrderLine) -> None:
    """Raise unless the line's seller order was handed over and the line has no review yet."""
    if line.seller_order.status != SellerOrderStatus.COMPLETED:
        raise PurchaseNotCompleted(line.id)
    if queries.for_line(line.id) is not None:
        raise AlreadyReviewed(line.id)


def leave_review(line: OrderLine, rating: object, text: str | None) -> Review:
    """The buyer's one review of one order line; tells the seller."""
    check_may_review(line)
    part = line.seller_order
    review = Review(order_line_id=line.id, product_id=line.product_id, shop_id=part.shop_id,
                    rating=check_rating(rating), text=check_text(text),
                    author_name=public_name(part.order.buyer_name))
    db.session.add(review)
    db.session.flush()
    with force_locale("id"):
        message = _("New review for %(product)s: %(rating)s of 5 stars.",
                    product=line.product_name, rating=review.rating)
    notify(part.shop.owner, message, link=url_for("seller_reviews.index"))
    return review


def reply(review: Review, text: str | None) -> None:
    """The seller's one reply (the caller has checked it is her shop's review)."""
    if review.replied_at is not None:
        raise AlreadyReplied(review.id)
    cleaned = check_text(text, limit=MAX_REPLY)
    if not cleaned:
        raise TextRequired
    review.reply = cleaned
    review.replied_at = clock.now()
    db.session.flush()


def hide(review: Review, staff: User, reason: str | None) -> bool:
    """Hide a review with a reason (audit-logged). Hiding a hidden review changes nothing."""
    reason = (reason or "").strip()
    if not reason:
        raise TextRequired
    if review.is_hidden:
        return False
    review.hidden_at = clock.now()
    review.hidden_by_id = staff.id
    review.hidden_reason = reason
    record(staff, "review.hide", shop_id=review.shop_id, product_id=review.product_id,
           subject=f"review:{review.id}", reason=reason)
    db.session.flush()
    return True
