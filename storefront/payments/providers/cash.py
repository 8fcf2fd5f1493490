"""Cash at pickup or delivery: the seller confirms receipt when she completes the order."""
from __future__ import annotations

from storefront.payments.providers.manual import ManualMethod


class Cash(ManualMethod):
    """No deadline: the order waits for pickup; refunds are made by hand."""

    hours = None
