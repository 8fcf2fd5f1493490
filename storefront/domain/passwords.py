"""Passwords people guess first are refused.

The list is the 3,000 most common passwords from zxcvbn's frequency data
(collected from public password leaks), plus words that a guesser in Kupang
would try first for this shop.
"""
from __future__ import annotations

from zxcvbn.frequency_lists import FREQUENCY_LISTS

#: How many of the most common leaked passwords are refused.
COMMON_COUNT = 3000
#: Local guesses: the shop, the city, the programme, everyday Indonesian words.
LOCAL_GUESSES = frozenset({
    "pasaribu", "pasar ibu", "pasaribu123", "kupang", "kupang123", "kotakupang", "indonesia",
    "indonesia1", "womencareday", "sayang", "sayangku", "bismillah", "rahasia", "katasandi",
    "kata sandi", "password123", "jasaraharja", "ntt12345", "mama1234", "ibu12345",
})
COMMON = frozenset(FREQUENCY_LISTS["passwords"][:COMMON_COUNT]) | LOCAL_GUESSES


def is_common(password: str) -> bool:
    """True for a password on the list, ignoring case and surrounding spaces."""
    return password.strip().lower() in COMMON
