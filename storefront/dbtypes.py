"""Column types shared by the models."""
from __future__ import annotations

import enum

import sqlalchemy as sa


def enum_type(enum_cls: type[enum.Enum], length: int = 24) -> sa.Enum:
    """Store an enum by its value as a short string, the same on SQLite and PostgreSQL."""
    return sa.Enum(
        enum_cls,
        native_enum=False,
        length=length,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )
