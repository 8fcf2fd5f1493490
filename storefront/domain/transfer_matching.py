"""Match lines of a pasted bank statement to the transfers staff are waiting for.

Pure: a statement is CSV text (date, amount, description); a transfer waiting is its
payment id, reference (the order number, e.g. PI-2612-0042) and exact amount.  A line
is suggested for a transfer when the amounts are equal and either the description
carries the reference or no other transfer waits for that amount.
"""
from __future__ import annotations

import csv
import io
import random
import re
from dataclasses import dataclass

#: The unique amount code is between these, inclusive (Rp 1-999).
CODE_MIN, CODE_MAX = 1, 999
_DIGITS = re.compile(r"[0-9]+", re.ASCII)
_CENTS = re.compile(r"^(.*)[.,]([0-9]{2})$", re.ASCII)


class NoCodeLeft(ValueError):
    """Every code from 1 to 999 is taken by a transfer still waiting."""


@dataclass(frozen=True)
class StatementLine:
    """One credit on the bank statement."""

    date: str
    amount: int
    description: str


@dataclass(frozen=True)
class Waiting:
    """A transfer staff are waiting for."""

    payment_id: int
    reference: str
    amount: int


@dataclass(frozen=True)
class Suggestion:
    """A statement line that looks like the money of one transfer."""

    line: StatementLine
    payment_id: int
    #: "reference" when the description names the order, else "amount"
    reason: str


def pick_code(taken: set[int], rng: random.Random | None = None) -> int:
    """A code in 1-999 that no waiting transfer uses; raises ``NoCodeLeft``."""
    free = [c for c in range(CODE_MIN, CODE_MAX + 1) if c not in taken]
    if not free:
        raise NoCodeLeft
    return (rng or random.SystemRandom()).choice(free)


def parse_amount(raw: str) -> int | None:
    """"Rp 75.123", "75,123.00" or "75123" → 75123; None for anything else (or cents)."""
    text = raw.strip().replace("Rp", "").replace("IDR", "").replace(" ", "").strip()
    cents = _CENTS.match(text)
    if cents:
        if cents.group(2) != "00":
            return None
        text = cents.group(1)
    text = text.replace(".", "").replace(",", "")
    if not _DIGITS.fullmatch(text):
        return None
    amount = int(text)
    return amount if amount > 0 else None


def parse_statement(text: str) -> list[StatementLine]:
    """Every line with a date, a positive whole-rupiah amount and a description; the
    header and lines that are not credits are skipped."""
    first = text.lstrip().split("\n", 1)[0]
    delimiter = "\t" if "\t" in first else ";" if ";" in first and "," not in first else ","
    rows = csv.reader(io.StringIO(text), delimiter=delimiter)
    lines = []
    for row in rows:
        if len(row) < 3:
            continue
        amount = parse_amount(row[1])
        if amount is not None:
            lines.append(StatementLine(row[0].strip()[:40], amount,
                                       ",".join(row[2:]).strip()[:300]))
    return lines


def _squash(text: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", text.upper(), flags=re.ASCII)


def match(lines: list[StatementLine], waiting: list[Waiting]) -> list[Suggestion]:
    """At most one suggestion per line and per transfer; lines matching none are left out."""
    by_amount: dict[int, list[Waiting]] = {}
    for transfer in waiting:
        by_amount.setdefault(transfer.amount, []).append(transfer)
    used: set[int] = set()
    found: list[Suggestion] = []
    for line in lines:
        candidates = [t for t in by_amount.get(line.amount, []) if t.payment_id not in used]
        said = _squash(line.description)
        named = [t for t in candidates if _squash(t.reference) and _squash(t.reference) in said]
        if len(named) == 1:
            found.append(Suggestion(line, named[0].payment_id, "reference"))
        elif not named and len(by_amount.get(line.amount, [])) == 1 and candidates:
            found.append(Suggestion(line, candidates[0].payment_id, "amount"))
        else:
            continue
        used.add(found[-1].payment_id)
    return found
