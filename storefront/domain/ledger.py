"""A seller's ledger: what she earned, what the programme kept, what went back, what was paid.

Every amount is a whole, signed number of rupiah; her balance is always the
sum of her entries.  Entries are only ever added.
"""
from __future__ import annotations

import enum
from collections.abc import Iterable
from decimal import ROUND_FLOOR, Decimal, InvalidOperation


class EntryKind(enum.StrEnum):
    #: + her share of a completed seller order
    SALE = "sale"
    #: - the programme's commission on a sale (+ when a refund gives part back)
    COMMISSION = "commission"
    #: - money returned to a buyer for a completed seller order
    REFUND = "refund"
    #: - money paid out to her bank account
    PAYOUT = "payout"


class LedgerError(ValueError):
    """Base of the ledger's named errors."""


class InvalidAmount(LedgerError):
    """An amount that is not a positive whole number of rupiah."""


class InvalidRate(LedgerError):
    """A commission rate outside 0 … 1."""


class PayoutExceedsBalance(LedgerError):
    """A payout larger than what the programme owes the seller."""

    def __init__(self, requested: int, available: int):
        super().__init__(f"payout {requested} > available {available}")
        self.requested = requested
        self.available = available


class RefundExceedsSale(LedgerError):
    """A refund larger than what is left of the sale it refunds."""


class SaleAlreadyRecorded(LedgerError):
    """The sale of this seller order is already in the ledger."""


class SameApprover(LedgerError):
    """The staff member who asked for a payout tried to approve it herself."""


def parse_rate(value: str | float | Decimal) -> Decimal:
    """``"0.05"`` → ``Decimal("0.05")``; refuses anything outside 0 … 1."""
    try:
        rate = Decimal(str(value).strip() or "0")
    except InvalidOperation as exc:
        raise InvalidRate(str(value)) from exc
    if not rate.is_finite() or rate < 0 or rate > 1:
        raise InvalidRate(str(value))
    return rate


def check_amount(amount: int) -> int:
    """Return ``amount`` if it is a positive whole rupiah amount, else raise ``InvalidAmount``."""
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise InvalidAmount(repr(amount))
    return amount


def commission_for(amount: int, rate: Decimal) -> int:
    """The programme's commission on ``amount`` rupiah, in whole rupiah.

    Rounding rule: the exact product is rounded DOWN to the rupiah (floor), so
    any fraction of a rupiah stays with the seller.  Rp 10.999 at 5 % is
    Rp 549,95 → Rp 549.
    """
    if amount < 0:
        raise InvalidAmount(repr(amount))
    return int((Decimal(amount) * rate).to_integral_value(rounding=ROUND_FLOOR))


def balance(amounts: Iterable[int]) -> int:
    """Her balance: the sum of her entries' signed amounts."""
    return sum(amounts)


def check_refund(amount: int, sold: int, refunded: int) -> int:
    """Return ``amount`` if it fits in what is left of the sale, else raise ``RefundExceedsSale``."""
    check_amount(amount)
    if amount > sold - refunded:
        raise RefundExceedsSale(f"refund {amount} > left {sold - refunded}")
    return amount


def check_payout(amount: int, available: int) -> int:
    """Return ``amount`` if the programme owes her at least that much, else raise."""
    check_amount(amount)
    if amount > available:
        raise PayoutExceedsBalance(amount, available)
    return amount


def needs_second_approval(amount: int, limit: int) -> bool:
    """A payout above the limit needs a second staff member."""
    return amount > limit


def check_approver(requested_by: int, approver: int) -> int:
    """The approver must be someone other than the requester."""
    if requested_by == approver:
        raise SameApprover(str(approver))
    return approver


def commission_kept(original: int, sold: int, remaining: int) -> int:
    """Commission the programme keeps once part of a sale was refunded.

    It shrinks in proportion to what is left of the sale, rounded down (in the
    seller's favour again); nothing is left once the whole sale is refunded.
    """
    if sold <= 0:
        return 0
    return (original * max(0, remaining)) // sold
