"""Moving a listing through curation. Flushes, never commits.

Seller-side moves (submit, archive, edits that need review) and staff-side
moves (approve, request changes) all pass through ``move`` so the table in
``domain.listing`` is the one rule.
"""
from __future__ import annotations

from storefront import clock
from storefront.catalog.models import Product
from storefront.domain.listing import ListingStatus, check_move, needs_review
from storefront.extensions import db


def move(product: Product, target: ListingStatus) -> Product:
    """Change the status or raise ``InvalidListingMove``; stamps the queue and approval times."""
    product.status = check_move(product.status, target)
    if target == ListingStatus.PENDING_REVIEW:
        product.submitted_at = clock.now()
    elif target == ListingStatus.APPROVED:
        product.approved_at = clock.now()
        product.review_reason = ""
    db.session.flush()
    return product


def submit_for_review(product: Product) -> Product:
    return move(product, ListingStatus.PENDING_REVIEW)


def record_edit(product: Product, changed_fields: set[str]) -> bool:
    """After a seller's edit: an approved product whose reviewed facts changed goes back to review.

    Returns True when it did. Stock and holiday changes never need review.
    """
    if product.status == ListingStatus.APPROVED and needs_review(changed_fields):
        move(product, ListingStatus.PENDING_REVIEW)
        return True
    return False
