"""The buyer-data purge as a job for the clock process (commits; never inside a request)."""
from __future__ import annotations

from storefront.extensions import db
from storefront.privacy.services import purge_old_contact_details

#: Days after an order ended before its buyer's phone, e-mail and address are removed.
PURGE_AFTER_DAYS = 90


def purge_buyer_data(days: int = PURGE_AFTER_DAYS) -> int:
    """Remove old buyers' contact details and commit; returns how many orders changed."""
    count = purge_old_contact_details(days)
    db.session.commit()
    return count
