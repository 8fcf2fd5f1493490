"""Cells that spreadsheet programs never run as formulas (OWASP, "CSV Injection").

A text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
prefixed with a single quote, so Excel, LibreOffice and Google Sheets show it as text.
Numbers stay numbers: a negative amount is a number, not a formula.
"""
from __future__ import annotations

from collections.abc import Iterable

#: first characters that make a spreadsheet read a cell as a formula
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """``value`` as a cell: text that would start a formula gets a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(row: Iterable) -> list:
    """Every cell of a row neutralised."""
    return [neutralise(value) for value in row]
