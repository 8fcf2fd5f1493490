"""Two staff removing one synonym group, and two sellers filing the same new words, at once."""
import pytest
import sqlalchemy as sa

from storefront.audit.models import AuditEntry
from storefront.catalog.models import Product
from storefront.extensions import db
from storefront.search import services
from storefront.search.models import SearchWordKey, SynonymGroup
from tests.racing import race
from tests.support.synonyms import no_first_synonyms  # noqa: F401 - a fixture

pytestmark = pytest.mark.usefixtures("no_first_synonyms")



def test_two_staff_remove_one_group_and_one_wins(app, make_staff):
    first, second = make_staff(), make_staff()
    group = services.add_group(first, "kue, jajan")
    db.session.commit()
    ids = (first.id, second.id)
    results = race(app, [lambda uid=uid: services.remove_group(db.session.get(type(first), uid), group.id)
                          for uid in ids])
    assert sorted(map(repr, results)) == ["False", "True"], results
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SynonymGroup)) == 0
    removals = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "synonym.remove")).all()
    assert len(removals) == 1


def test_two_sellers_file_the_same_new_word_at_once(app, make_product):
    products = [make_product(name=f"Produk {n}") for n in range(2)]
    db.session.commit()
    ids = [p.id for p in products]

    def rename(pid):
        db.session.get(Product, pid).name = "Kue Cucur Gula Lontar"
        db.session.flush()
        return True

    results = race(app, [lambda pid=pid: rename(pid) for pid in ids])
    assert results == [True, True], results
    db.session.rollback()
    words = db.session.scalars(sa.select(SearchWordKey.word).where(SearchWordKey.key == "cucur")).all()
    assert words == ["cucur"]
