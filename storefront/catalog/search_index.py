"""Keep a product's search columns and the typo vocabulary in step with its words.

``search_text`` holds the folded words and Indonesian stems of the name,
description and shop name (``domain.search_words.index_text``); ``search_name``
and ``search_shop`` the same of the name and of the shop's name alone, for
ranking. PostgreSQL indexes ``search_text`` with trigrams (pg_trgm) so
``LIKE '%word%'`` stays fast on a large catalog. Every new word is filed in
``search_word_keys`` for typo lookups.
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storefront.catalog.models import Product
from storefront.domain.search_words import index_text, stored_keys, vocabulary
from storefront.search.models import SearchWordKey
from storefront.shops.models import Shop

_WORD_FIELDS = ("name", "description", "shop_id")


def search_columns(name: str, description: str, shop_name: str) -> dict[str, str]:
    return {"search_text": index_text(name, description, shop_name),
            "search_name": index_text(name), "search_shop": index_text(shop_name)}


def search_text(name: str, description: str, shop_name: str) -> str:
    return search_columns(name, description, shop_name)["search_text"]


def word_key_rows(words: set[str]) -> list[dict[str, str]]:
    return [{"key": key, "word": word} for word in sorted(words) for key in sorted(stored_keys(word))]


def file_words(session: Session, words: set[str]) -> None:
    """Add the typo keys of ``words``; keys already there are left alone (no race)."""
    rows = word_key_rows(words)
    if not rows:
        return
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    session.execute(dialect.insert(SearchWordKey).on_conflict_do_nothing(), rows)


def _changed(obj, fields) -> bool:
    state = sa.inspect(obj)
    return state.transient or state.pending or any(
        state.attrs[name].history.has_changes() for name in fields)


@sa.event.listens_for(Session, "before_flush")
def _refresh(session: Session, _context, _instances) -> None:
    words: set[str] = set()
    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, Product) and _changed(obj, _WORD_FIELDS):
            shop = obj.shop if obj.shop is not None else session.get(Shop, obj.shop_id)
            shop_name = shop.name if shop else ""
            for column, value in search_columns(obj.name, obj.description, shop_name).items():
                setattr(obj, column, value)
            words |= vocabulary(obj.name, obj.description, shop_name)
        elif isinstance(obj, Shop) and obj.id is not None and _changed(obj, ("name",)):
            rows = session.execute(sa.select(Product.id, Product.name, Product.description)
                                   .where(Product.shop_id == obj.id)).all()
            if rows:
                session.execute(sa.update(Product), [
                    {"id": pid, **search_columns(name, description, obj.name)}
                    for pid, name, description in rows],
                    execution_options={"synchronize_session": False})
            words |= vocabulary(obj.name)
    file_words(session, words)
