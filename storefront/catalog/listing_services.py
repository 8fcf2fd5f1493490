"""Moving a listing through curation. Flushes, never commits.

Seller-side moves (submit, archive, edits that need review) and staff-side
moves (approve, request changes) all pass through ``move`` so the table in
``domain.listing`` is the one rule.
"""
from __future__ import annotations

from storefront import clock
from storefront.accounts.models import User
from storefront.audit.services import record
from storefront.catalog.models import Product
from storefront.domain.listing import REVIEWED_FIELDS, ListingStatus, check_move, needs_review
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


def _seller(product: Product, actor: User | None) -> User | None:
    return actor or db.session.get(User, product.shop.owner_id)


def submit_for_review(product: Product, actor: User | None = None) -> Product:
    """Put the product in the review queue; the audit log names the seller (or ``actor``)."""
    move(product, ListingStatus.PENDING_REVIEW)
    record(_seller(product, actor), "product.submit", shop_id=product.shop_id,
           product_id=product.id)
    return product


def record_edit(product: Product, changed_fields: set[str]) -> bool:
    """After a seller's edit: an approved product whose reviewed facts changed goes back to review.

    Returns True when it did. Stock and holiday changes never need review.
    """
    if needs_review(changed_fields):
        record(_seller(product, None), "product.edit", shop_id=product.shop_id,
               product_id=product.id, reason=", ".join(sorted(changed_fields & REVIEWED_FIELDS)))
    if product.status == ListingStatus.APPROVED and needs_review(changed_fields):
        move(product, ListingStatus.PENDING_REVIEW)
        return True
    return False
