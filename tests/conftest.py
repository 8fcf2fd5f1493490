"""Shared fixtures: one app per database, a clean database per test, factories, login.

Every test that asks for ``app`` (or anything built on it) runs on SQLite and,
when ``TEST_DATABASE_URL`` points at PostgreSQL, on PostgreSQL too.  Without
it the PostgreSQL runs skip, or fail when ``REQUIRE_POSTGRES=1``.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient
from flask_migrate import upgrade

from storefront import clock, create_app
from storefront.extensions import db

pytest_plugins = ["tests.factories"]

BACKENDS = ["sqlite", "postgresql"]


def _postgres_url() -> str | None:
    url = os.environ.get("TEST_DATABASE_URL", "")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url if url.startswith("postgresql") else None


def require_or_skip(flag: str, reason: str) -> None:
    """Skip, or fail when the environment flag says this must run."""
    if os.environ.get(flag) == "1":
        pytest.fail(f"{reason} ({flag}=1)")
    pytest.skip(reason)


#: The Redis that tests may use (and empty): database 15 unless TEST_REDIS_URL says otherwise.
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_or_skip(url: str = TEST_REDIS_URL):
    """A client for the test Redis; skip (or fail with REQUIRE_REDIS=1) when it does not answer."""
    from redis import Redis
    from redis.exceptions import RedisError

    connection = Redis.from_url(url)
    try:
        connection.ping()
    except RedisError:
        require_or_skip("REQUIRE_REDIS", f"Redis not reachable at {url}")
    return connection


def _reset_postgres(url: str) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()


def _build_app(backend: str, tmp: Path):
    if backend == "postgresql":
        url = _postgres_url()
        if url is None:
            require_or_skip("REQUIRE_POSTGRES", "PostgreSQL not available (TEST_DATABASE_URL unset)")
        try:
            _reset_postgres(url)
        except sa.exc.OperationalError as exc:
            require_or_skip("REQUIRE_POSTGRES", f"PostgreSQL not available: {exc}")
    else:
        url = f"sqlite:///{tmp / 'test.db'}"
    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": url,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "MEDIA_ROOT": str(tmp / "media"),
        "REDIS_URL": "",
        "CACHE_REDIS_URL": "",
        "SERVER_NAME": "localhost",
        "PUBLIC_BASE_URL": "http://localhost",
    })
    with app.app_context():
        upgrade()
    return app


@pytest.fixture(scope="session")
def _apps(tmp_path_factory):
    built: dict[str, object] = {}

    def get(backend: str):
        if backend not in built:
            built[backend] = _build_app(backend, tmp_path_factory.mktemp(backend))
        return built[backend]

    return get


def _truncate_all() -> None:
    """Empty every table, children first, and start every id sequence again at 1.

    DELETE, not TRUNCATE, on PostgreSQL too: TRUNCATE gives each table and index a new file,
    about 90 ms per test here against 11 ms for deleting the few rows a test leaves. The
    replica role (the test user is a superuser) skips the triggers that keep audit and
    ledger rows from ever being deleted, which TRUNCATE skipped too.
    """
    postgres = db.engine.dialect.name == "postgresql"
    if postgres:
        db.session.execute(sa.text("SET LOCAL session_replication_role = replica"))
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(table.delete())
    if postgres:
        sequences = db.session.scalars(sa.text(
            "SELECT quote_ident(sequence_name) FROM information_schema.sequences "
            "WHERE sequence_schema = 'public'")).all()
        if sequences:
            db.session.execute(sa.text(
                "SELECT " + ", ".join(f"setval('{name}', 1, false)" for name in sequences)))
    db.session.commit()


@pytest.fixture(autouse=True)
def _rate_limits_off():
    """The limiter is one object for every app a test builds; its on/off switch is shared.
    Keep it off unless a test builds a rate-limited app on purpose (after this runs)."""
    from storefront.extensions import limiter

    limiter.enabled = False
    yield
    limiter.enabled = False


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture
def app(_apps, backend):
    """The app on one database, with an app context; emptied after the test."""
    app = _apps(backend)
    saved = dict(app.config)
    with app.app_context():
        yield app
        db.session.remove()
        _truncate_all()
        db.session.remove()
    app.config.clear()
    app.config.update(saved)
    clock.freeze(None)


class FreshContextClient(FlaskClient):
    """Each request gets its own app context (and so its own ``g`` and db session),
    as in production, even though the test holds an app context open."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture
def client(app):
    app.test_client_class = FreshContextClient
    return app.test_client()


@pytest.fixture
def count_queries(app):
    """``with count_queries() as n: ...`` then ``n()`` is the number of SQL statements run."""

    @contextmanager
    def counting():
        statements: list[str] = []

        def _count(conn, cursor, statement, *args):  # noqa: ARG001
            statements.append(statement)

        sa.event.listen(db.engine, "before_cursor_execute", _count)
        try:
            yield lambda: len(statements)
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", _count)

    return counting


@pytest.fixture
def login(client):
    """``login(user)`` logs the test client in as ``user`` (password from the factory)."""

    def _login(user, password: str = "rahasia-yang-panjang-123"):
        db.session.commit()  # the request must see the user
        client.post("/akun/keluar")
        response = client.post("/akun/masuk", data={"login": user.email or user.phone,
                                                    "password": password})
        assert response.status_code == 302, "login failed"
        return user

    return _login
