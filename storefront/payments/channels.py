"""The banks and e-wallets a buyer may choose for a Xendit method, and their names."""
from __future__ import annotations

from storefront.payments.models import PaymentMethod
from storefront.payments.providers import MethodNotEnabled, channels

#: How people write each channel code.
NAMES = {"BRI": "BRI", "BNI": "BNI", "MANDIRI": "Mandiri", "BCA": "BCA", "PERMATA": "Permata",
         "BSI": "BSI", "CIMB": "CIMB Niaga", "OVO": "OVO", "DANA": "DANA",
         "SHOPEEPAY": "ShopeePay", "LINKAJA": "LinkAja", "ASTRAPAY": "AstraPay",
         "QRIS": "QRIS"}


def channel_name(code: str) -> str:
    return NAMES.get(code, code)


def channel_choices(method: PaymentMethod) -> list[tuple[str, str]]:
    return [(code, channel_name(code)) for code in channels(method)]


def chosen_channel(method: PaymentMethod, va_bank: str | None, ewallet: str | None) -> str:
    """The channel for ``method`` from the form; refuses one staff did not offer."""
    if method == PaymentMethod.QRIS:
        return "QRIS"
    wanted = {PaymentMethod.VA: va_bank, PaymentMethod.EWALLET: ewallet}.get(method)
    if method not in (PaymentMethod.VA, PaymentMethod.EWALLET):
        return ""
    if wanted not in channels(method):
        raise MethodNotEnabled(method)
    return wanted
