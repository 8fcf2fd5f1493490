"""Words shown for catalog enums, in the visitor's language."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from storefront.catalog.models import HalalStatus
from storefront.domain.listing import ListingStatus

HALAL_LABELS = {
    HalalStatus.CERTIFIED: _l("Halal certified"),
    HalalStatus.NO_PORK: _l("No pork, not certified"),
    HalalStatus.CONTAINS_PORK: _l("Contains pork"),
    HalalStatus.UNKNOWN: _l("Not stated"),
}

LISTING_LABELS = {
    ListingStatus.DRAFT: _l("Draft"),
    ListingStatus.PENDING_REVIEW: _l("Pending review"),
    ListingStatus.APPROVED: _l("Approved"),
    ListingStatus.CHANGES_REQUESTED: _l("Changes requested"),
    ListingStatus.ARCHIVED: _l("Archived"),
}


def halal_label(status: HalalStatus | None) -> str:
    return str(HALAL_LABELS[status or HalalStatus.UNKNOWN])


def listing_label(status: ListingStatus) -> str:
    return str(LISTING_LABELS[status])
