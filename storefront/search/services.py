"""Staff changes to the synonym list. Flush only; the view commits."""
from __future__ import annotations

import sqlalchemy as sa

from storefront.accounts.models import User
from storefront.audit import services as audit
from storefront.catalog.freshness import mark_changed
from storefront.domain.synonyms import parse_group
from storefront.extensions import db
from storefront.search.models import SynonymGroup, SynonymWord


def add_group(actor: User, text: str) -> SynonymGroup:
    """Add a group of words that mean the same; raises InvalidSynonyms."""
    words = parse_group(text)
    group = SynonymGroup(label=", ".join(words), created_by_id=actor.id)
    group.words = [SynonymWord(word=word) for word in words]
    db.session.add(group)
    db.session.flush()
    audit.record(actor, "synonym.add", subject=f"synonym_group:{group.id}", reason=group.label)
    mark_changed(db.session)  # cached search results are replaced after the commit
    return group


def remove_group(actor: User, group_id: int) -> bool:
    """Remove a group; False when it was already gone (two staff at once: one wins)."""
    label = db.session.scalar(sa.select(SynonymGroup.label).where(SynonymGroup.id == group_id))
    db.session.execute(sa.delete(SynonymWord).where(SynonymWord.group_id == group_id))
    gone = db.session.execute(sa.delete(SynonymGroup).where(SynonymGroup.id == group_id)).rowcount
    if gone:
        audit.record(actor, "synonym.remove", subject=f"synonym_group:{group_id}", reason=label or "")
        mark_changed(db.session)
    return bool(gone)


def groups() -> list[SynonymGroup]:
    return list(db.session.scalars(sa.select(SynonymGroup).order_by(SynonymGroup.label)))
