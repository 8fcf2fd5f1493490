"""Form fields: the one field for every rupiah amount (prices, fees, shares, payouts, refunds),
and whole numbers through the one parser of ``domain/numbers``.

``RupiahField`` reads "63.000", "Rp 63.000" and "63000" alike (``domain.money.read_rupiah``)
into an ``int``, and says in her language what to write when it cannot. ``IntegerField``
replaces WTForms' (whose ``int()`` takes ``"٣"`` as 3 and any length): ASCII digits in the
range a PostgreSQL ``integer`` holds, else a field error.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField as _IntegerField
from wtforms import StringField
from wtforms.validators import StopValidation

from storefront.domain.money import InvalidPrice, read_rupiah
from storefront.domain.numbers import MAX_ID, NotAWholeNumber, parse_whole

#: What the field says when it is empty or cannot be read, unless the form says otherwise.
MESSAGES = {
    "empty": _l("Write the amount in rupiah, for example 63.000."),
    "format": _l("Write the amount in rupiah with numbers only, for example 63.000 or Rp 63.000."),
}


class RupiahField(StringField):
    """A required amount in whole rupiah; ``data`` is an ``int`` (or ``None`` when unreadable)."""

    def __init__(self, label=None, validators=None, messages: dict | None = None, **kwargs):
        kwargs.setdefault("render_kw", {"inputmode": "numeric", "autocomplete": "off"})
        super().__init__(label, validators, **kwargs)
        self.messages = {**MESSAGES, **(messages or {})}

    def process_formdata(self, valuelist) -> None:
        self.data = None
        try:
            self.data = read_rupiah(valuelist[0] if valuelist else "")
        except InvalidPrice as exc:
            raise ValueError(str(self.messages.get(exc.code, MESSAGES["format"]))) from None

    def pre_validate(self, _form) -> None:
        # an unreadable amount has said so already; range checks would only repeat it
        if self.process_errors:
            raise StopValidation()

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        if isinstance(self.data, int):
            return f"{self.data:,}".replace(",", ".")
        return "" if self.data is None else str(self.data)


class IntegerField(_IntegerField):
    """A whole number from -2**31 + 1 to 2**31 - 1, typed with ASCII digits."""

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        try:
            self.data = parse_whole(valuelist[0], low=-MAX_ID, high=MAX_ID)
        except NotAWholeNumber as exc:
            self.data = None
            raise ValueError(str(_l("Please enter a whole number."))) from exc
