"""The migration files three synonym groups (kue ~ jajan, …); search tests start without them."""
import pytest
import sqlalchemy as sa

from storefront.extensions import db
from storefront.search.models import SynonymGroup, SynonymWord


@pytest.fixture
def no_first_synonyms(app):
    db.session.execute(sa.delete(SynonymWord))
    db.session.execute(sa.delete(SynonymGroup))
    db.session.commit()
