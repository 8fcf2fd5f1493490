"""The ``int`` converter of every route, bounded to ids the database can hold.

Registered as ``int`` before any blueprint, so every ``<int:...>`` route takes only ASCII
digits from 1 to 2**31 - 1; anything else is 404, never an overflow in PostgreSQL.
"""
from __future__ import annotations

from flask import Flask
from werkzeug.routing import IntegerConverter, ValidationError

from storefront.domain.numbers import MAX_ID


class BoundedIdConverter(IntegerConverter):
    """``<int:name>``: ASCII digits, 1 … 2**31 - 1."""

    regex = r"[0-9]{1,10}"

    def __init__(self, map, fixed_digits=0, min=1, max=MAX_ID, signed=False):  # noqa: A002, ARG002 - never signed
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=False)

    def to_python(self, value: str) -> int:
        if not value.isascii():
            raise ValidationError()
        return super().to_python(value)


def install(app: Flask) -> None:
    app.url_map.converters["int"] = BoundedIdConverter
