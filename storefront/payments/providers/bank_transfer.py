"""Bank transfer or QRIS to the programme's account; the buyer uploads a proof photo."""
from __future__ import annotations

from storefront.payments.providers.manual import ManualMethod


class BankTransfer(ManualMethod):
    """Staff confirm the transfer in /staf/pembayaran; refunds are made by hand."""

    def __init__(self, hours: int = 24):
        self.hours = hours
