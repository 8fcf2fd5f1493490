"""The migrations build the schema the models describe, on every database."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from storefront.extensions import db


def test_migrations_match_the_models(app):
    # the app fixture built this database from empty with `flask db upgrade`
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), db.metadata)
    assert diff == []


def test_price_can_never_be_negative(app, make_product):
    import pytest
    import sqlalchemy as sa

    product = make_product()
    with pytest.raises(sa.exc.IntegrityError):
        db.session.execute(sa.text("UPDATE products SET price = -1 WHERE id = :id"), {"id": product.id})
        db.session.flush()
    db.session.rollback()


def test_stock_can_never_be_negative(app, make_product):
    import pytest
    import sqlalchemy as sa

    product = make_product(stock=1)
    with pytest.raises(sa.exc.IntegrityError):
        db.session.execute(sa.text("UPDATE products SET stock = -1 WHERE id = :id"), {"id": product.id})
        db.session.flush()
    db.session.rollback()
