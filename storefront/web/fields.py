"""Form fields for whole numbers: the one parser of ``domain/numbers`` behind WTForms.

WTForms' ``IntegerField`` uses ``int()``, which takes ``"٣"`` as 3 and any length; this one
takes ASCII digits in the range a PostgreSQL ``integer`` holds, else a field error.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField as _IntegerField

from storefront.domain.numbers import MAX_ID, NotAWholeNumber, parse_whole


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
