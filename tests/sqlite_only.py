"""For test modules that walk every route for every role: run them on SQLite only.

Who may open what, and how forms refuse bad input, does not depend on the database
engine; the PostgreSQL runs of the rest of the suite cover SQL behaviour, locking and
concurrency. Import it in such a module: ``from tests.sqlite_only import backend``.
"""
import pytest


@pytest.fixture(params=["sqlite"], name="backend")
def backend(request) -> str:
    return request.param
