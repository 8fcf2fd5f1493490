"""Curation services against a real database: e-mail after commit, revisions, snapshots."""
import pytest

from storefront import clock
from storefront.catalog.models import ProductPhoto
from storefront.curation import services
from storefront.curation.models import ApprovedVersion
from storefront.domain.curation import NotPending
from storefront.domain.listing import ListingStatus
from storefront.extensions import db


def _pending(make_product, **extra):
    return make_product(status=ListingStatus.PENDING_REVIEW, submitted_at=clock.now(),
                        pirt_number="P-IRT 1", shelf_life_days=3, **extra)


def test_approval_emails_the_seller_only_after_the_commit(app, make_staff, make_product, smtp):
    staff = make_staff()
    product = _pending(make_product)
    db.session.commit()
    note = services.approve(staff, product.id, product.revision)
    assert smtp == []
    db.session.commit()
    assert [(mail["to"], mail["body"].strip()) for mail in smtp] == [(product.shop.owner.email, note.text)]


def test_a_refused_decision_sends_nothing(app, make_staff, make_product, smtp):
    staff = make_staff()
    product = make_product(status=ListingStatus.APPROVED)
    db.session.commit()
    with pytest.raises(NotPending):
        services.request_changes(staff, product.id, product.revision, "Tolong ganti foto")
    db.session.rollback()
    db.session.commit()
    assert smtp == []


def test_revision_counts_reviewed_edits_and_photos_but_not_stock(app, make_product):
    product = make_product()
    db.session.commit()
    start = product.revision
    product.stock = 1
    db.session.commit()
    assert product.revision == start
    product.name = product.name  # the same value is no edit
    db.session.commit()
    assert product.revision == start
    product.photos.append(ProductPhoto(key="products/a", width=1, height=1))
    db.session.commit()
    assert product.revision == start + 1
    product.photos[0].position = 3
    product.allergens = "kacang"
    db.session.commit()
    assert product.revision == start + 2  # one edit, one bump


def test_approval_keeps_a_snapshot_of_what_was_approved(app, make_staff, make_product):
    staff = make_staff()
    product = _pending(make_product, price=31000)
    db.session.commit()
    services.approve(staff, product.id, product.revision)
    db.session.commit()
    version = db.session.scalar(db.select(ApprovedVersion))
    assert version.data["price"] == 31000 and version.data["pirt_number"] == "P-IRT 1"
    assert version.revision == product.revision and version.approved_by_id == staff.id
