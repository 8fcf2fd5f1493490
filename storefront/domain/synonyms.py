"""A synonym group as staff type it: "kue, jajan" → the folded words it joins."""
from __future__ import annotations

from storefront.domain.search_words import fold

#: Most words in one group.
MAX_WORDS = 10
#: Longest word kept.
MAX_WORD = 40


class InvalidSynonyms(ValueError):
    """Fewer than two different words, too many, or a word too long."""


def parse_group(text: str) -> list[str]:
    """Words separated by commas (or "~"), folded, in order, without repeats."""
    words: list[str] = []
    for part in (text or "").replace("~", ",").replace("=", ",").split(","):
        word = fold(part)
        if word and word not in words:
            words.append(word)
    if len(words) < 2 or len(words) > MAX_WORDS or any(len(w) > MAX_WORD for w in words):
        raise InvalidSynonyms(text)
    return words
