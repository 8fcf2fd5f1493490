"""Turn the buyer's words into what to look for: the word, its stem, synonyms, typo fixes.

One query answers both the typo keys and the synonyms of every word.
"""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from storefront.domain.search_words import is_typo_of, query_keys, stem
from storefront.extensions import db
from storefront.search.models import SearchWordKey, SynonymWord


@dataclass(frozen=True)
class Term:
    """One word of a search and the text that may stand for it."""

    #: the folded word as typed
    word: str
    #: other forms that also count, ranked below the word itself
    tolerant: tuple[str, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.word, *self.tolerant)


def _lookup(words: set[str], keys: set[str]) -> list[tuple[str, str, str]]:
    other = aliased(SynonymWord)
    parts = []
    if keys:
        parts.append(sa.select(sa.literal("typo"), SearchWordKey.key, SearchWordKey.word)
                     .where(SearchWordKey.key.in_(sorted(keys))))
    parts.append(sa.select(sa.literal("syn"), SynonymWord.word, other.word)
                 .join(other, sa.and_(other.group_id == SynonymWord.group_id, other.word != SynonymWord.word))
                 .where(SynonymWord.word.in_(sorted(words))))
    return [tuple(row) for row in db.session.execute(sa.union_all(*parts))]


def expand(words: tuple[str, ...]) -> list[Term]:
    """Each word with its stem, its synonyms (and the stem's), and catalog words one or two typos away."""
    if not words:
        return []
    stems = {word: stem(word) for word in words}
    keys = {word: query_keys(word) for word in words}
    rows = _lookup(set(words) | set(stems.values()), set().union(*keys.values()))
    terms = []
    for word in words:
        found: list[str] = []

        def add(form: str, found=found, word=word) -> None:
            if form and form != word and form not in found:
                found.append(form)

        add(stems[word])
        for kind, source, target in rows:
            if kind == "syn" and source in (word, stems[word]):
                add(target)
        for kind, key, target in sorted(rows):
            if kind == "typo" and key in keys[word] and is_typo_of(word, target):
                add(target)
        terms.append(Term(word, tuple(found)))
    return terms
