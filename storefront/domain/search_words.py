"""Words for tolerant search: folding, Indonesian stems, and typo distance.

The same Python code prepares the stored text and the buyer's words, so
search behaves the same on SQLite and PostgreSQL:

- ``fold`` drops case, accents and punctuation inside a word: "Se'i", "sei"
  and "SE-I" all become ``sei``.
- ``stem`` removes Indonesian affixes with Sastrawi: "anyaman" → ``anyam``,
  "tenunan" → ``tenun``.
- ``typo_keys`` is a deletion neighbourhood (SymSpell): two words within one
  edit share a key, so typo candidates are found by an indexed equality lookup,
  then checked with ``distance``.
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache
from itertools import combinations

from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

#: Shortest word that is corrected for typos.
TYPO_MIN_LETTERS = 5
#: From this length two typos are forgiven, below it one.
TWO_TYPOS_FROM = 8
#: Longest word kept for typo keys (longer is not a word).
MAX_WORD = 30
#: Words of a search that only glue a sentence together ("kue untuk Hari Ibu").
STOP_WORDS = frozenset({"untuk", "dan", "yang", "di", "ke", "dari", "buat", "dengan", "atau", "the",
                        "and", "for", "of", "with"})
#: Words that ask for cheap things: they choose the "termurah" sort instead of matching.
CHEAP_WORDS = frozenset({"murah", "termurah", "murmer", "cheap", "cheapest"})

_JOINERS = re.compile(r"['’‘`´ʼ\-‐‑]")
_SEPARATORS = re.compile(r"[^a-z0-9]+")


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces; apostrophes and hyphens join."""
    return " ".join(_SEPARATORS.split(_JOINERS.sub("", _ascii(text)))).strip()


def raw_words(text: str) -> list[str]:
    """Words with their hyphens kept (Sastrawi reads "oleh-oleh" as a repeated word)."""
    return [w for w in re.split(r"[^a-z0-9\-]+", _ascii(text).replace("'", "").replace("’", "")) if w]


@cache
def _stemmer():
    return StemmerFactory().create_stemmer()


@cache
def stem(word: str) -> str:
    """The root of one word, folded; words with digits are left alone."""
    if len(word) < 4 or any(ch.isdigit() for ch in word):
        return fold(word)
    return fold(_stemmer().stem(word)) or fold(word)


def index_text(*parts: str) -> str:
    """Folded words of ``parts`` followed by their stems that differ, for LIKE matching."""
    words: list[str] = []
    stems: list[str] = []
    for part in parts:
        for raw in raw_words(part):
            word = fold(raw)
            if not word:
                continue
            words.append(word)
            root = stem(raw)
            if root and root != word and root not in stems:
                stems.append(root)
    return " ".join(words + stems)


def vocabulary(*parts: str) -> set[str]:
    """Distinct words (and stems) long enough to be typo targets."""
    return {w for w in index_text(*parts).split() if 4 <= len(w) <= MAX_WORD and w.isalpha()}


def allowed_typos(word: str) -> int:
    if len(word) < TYPO_MIN_LETTERS or not word.isalpha():
        return 0
    return 2 if len(word) >= TWO_TYPOS_FROM else 1


def _deletes(word: str, n: int) -> set[str]:
    return {"".join(word[i] for i in range(len(word)) if i not in gone)
            for gone in combinations(range(len(word)), n)}


def stored_keys(word: str) -> set[str]:
    """Keys a vocabulary word is filed under: itself, one deletion, two from 6 letters."""
    keys = {word}
    if len(word) >= 4:
        keys |= _deletes(word, 1)
    if len(word) >= 6:
        keys |= _deletes(word, 2)
    return keys


def query_keys(word: str) -> set[str]:
    """Keys to look up for a buyer's word; empty when it is too short to correct."""
    typos = allowed_typos(word)
    if not typos:
        return set()
    keys = {word} | _deletes(word, 1)
    if typos == 2:
        keys |= _deletes(word, 2)
    return keys


def distance(a: str, b: str) -> int:
    """Edits (insert, delete, replace, swap neighbours) from ``a`` to ``b``."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], prev2[j - 2] + 1)
        prev2, prev = prev, row
    return prev[-1]


def is_typo_of(query_word: str, candidate: str) -> bool:
    return candidate != query_word and distance(query_word, candidate) <= allowed_typos(query_word)
