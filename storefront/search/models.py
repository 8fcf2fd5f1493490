"""Search's own tables: the typo vocabulary and the staff's synonym list."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storefront import clock
from storefront.extensions import db


class SearchWordKey(db.Model):
    """One deletion key of a catalog word (see domain.search_words.stored_keys).

    Rows are only added: a word that left the catalog still has keys, which is
    harmless because a correction must still match a product to show anything.
    """

    __tablename__ = "search_word_keys"

    #: the word with zero, one or two letters deleted
    key: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    #: the catalog word (folded) the key leads to
    word: Mapped[str] = mapped_column(sa.String(40), primary_key=True)


class SynonymGroup(db.Model):
    """Words buyers use for the same thing ("kue, jajan"); staff edit them at /staf/sinonim."""

    __tablename__ = "synonym_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the words as staff typed them, comma-separated
    label: Mapped[str] = mapped_column(sa.String(300))
    #: the staff member who added it
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    #: when (UTC)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    words: Mapped[list[SynonymWord]] = relationship(cascade="all, delete-orphan",
                                                    back_populates="group")


class SynonymWord(db.Model):
    """One folded word of a synonym group; searched by word."""

    __tablename__ = "synonym_words"

    #: the group it belongs to
    group_id: Mapped[int] = mapped_column(sa.ForeignKey("synonym_groups.id", ondelete="CASCADE"),
                                          primary_key=True)
    #: the word, folded like the catalog (domain.search_words.fold)
    word: Mapped[str] = mapped_column(sa.String(40), primary_key=True, index=True)

    group: Mapped[SynonymGroup] = relationship(back_populates="words")
