import pytest

from storefront.catalog.listing_services import move, record_edit, submit_for_review
from storefront.domain.listing import InvalidListingMove, ListingStatus


def test_submit_stamps_the_queue_time(app, make_product):
    product = make_product(status=ListingStatus.DRAFT)
    submit_for_review(product)
    assert product.status == ListingStatus.PENDING_REVIEW and product.submitted_at is not None


def test_an_approved_product_edited_in_reviewed_fields_goes_back_to_review(app, make_product):
    product = make_product(status=ListingStatus.APPROVED)
    assert record_edit(product, {"stock"}) is False
    assert product.status == ListingStatus.APPROVED
    assert record_edit(product, {"price", "stock"}) is True
    assert product.status == ListingStatus.PENDING_REVIEW


def test_approval_clears_the_reason(app, make_product):
    product = make_product(status=ListingStatus.PENDING_REVIEW, review_reason="Foto buram")
    move(product, ListingStatus.APPROVED)
    assert product.review_reason == "" and product.approved_at is not None


def test_illegal_move_is_refused(app, make_product):
    product = make_product(status=ListingStatus.DRAFT)
    with pytest.raises(InvalidListingMove):
        move(product, ListingStatus.APPROVED)
    assert product.status == ListingStatus.DRAFT
