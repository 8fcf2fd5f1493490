"""Shared fixtures: one app per database, a clean database per test, factories, login.

Which database a test runs on. Every test that asks for ``app`` (or anything built on it)
runs on SQLite. It runs on PostgreSQL too (``TEST_DATABASE_URL``; without it those runs skip,
or fail when ``REQUIRE_POSTGRES=1``) when the database can matter, that is when any of these holds:

- it lives in ``tests/integration/`` (services against a real database: SQL, locking, money);
- its module imports ``threading`` or ``concurrent.futures`` (a concurrency test);
- it names ``backend`` among its own arguments (it looks at which database it is on);
- it, its class or its module is marked ``@pytest.mark.both_databases``
  (``pytestmark = pytest.mark.both_databases`` for a whole module: search, money, SQL).

Everything else (pages, access rules, forms, templates) runs once, on SQLite. A module that
must stay on SQLite even in tests/integration/ imports ``from tests.sqlite_only import backend``.

Parallel runs (``pytest -n 2``, pytest-xdist): each worker has its own SQLite file, its own
PostgreSQL database (``<TEST_DATABASE_URL's name>_gw0``…, created and dropped here) and its own
Redis database (``TEST_REDIS_URL``'s number plus the worker's number).
"""
from __future__ import annotations

import inspect
import os
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient
from flask_migrate import upgrade
from hypothesis import HealthCheck, settings

from storefront import clock, create_app
from storefront.accounts.session import CARRIED_OVER
from storefront.extensions import db, login_manager

pytest_plugins = ["tests.factories"]

BACKENDS = ["sqlite", "postgresql"]
#: tests.factories.PASSWORD (importing it here would keep pytest from rewriting its asserts)
FACTORY_PASSWORD = "rahasia-yang-panjang-123"
TESTS = Path(__file__).parent

#: "gw0", "gw1"… in a pytest-xdist worker, "" in a run without workers.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
WORKER_NUMBER = int(WORKER.removeprefix("gw")) if WORKER.startswith("gw") else 0

#: A cheap password hash, for the test apps only: scrypt is most of the time of a test that
#: makes users. create_app refuses it outside TESTING (tests/integration/test_password_hashing.py).
TEST_PASSWORD_HASH = "pbkdf2:sha256:1"

#: Hypothesis: few examples in `make test` ("quick", the default), many in `make test-slow`
#: ("thorough", run by CI too). Tests leave max_examples to the profile.
_HYPOTHESIS = {"deadline": None, "print_blob": True,
               "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]}
settings.register_profile("quick", max_examples=10, **_HYPOTHESIS)
settings.register_profile("thorough", max_examples=100, **_HYPOTHESIS)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))


def _postgres_url() -> str | None:
    """TEST_DATABASE_URL; in an xdist worker, the worker's own database beside it."""
    url = os.environ.get("TEST_DATABASE_URL", "")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    if not url.startswith("postgresql"):
        return None
    return _worker_database(url) if WORKER else url


def _worker_database(url: str) -> str:
    parsed = sa.engine.make_url(url)
    return parsed.set(database=f"{parsed.database}_{WORKER}").render_as_string(hide_password=False)


def require_or_skip(flag: str, reason: str) -> None:
    """Skip, or fail when the environment flag says this must run."""
    if os.environ.get(flag) == "1":
        pytest.fail(f"{reason} ({flag}=1)")
    pytest.skip(reason)


def _worker_redis(url: str) -> str:
    """The Redis database of this worker: the number in ``url`` plus the worker's number."""
    scheme, _, rest = url.partition("://")
    address, _, number = rest.partition("/")
    return f"{scheme}://{address}/{int(number or 0) + WORKER_NUMBER}"


#: The Redis that tests may use (and empty): database 14 unless TEST_REDIS_URL says otherwise;
#: xdist worker gwN uses that number plus N (so keep it at most 16 minus the workers).
TEST_REDIS_URL = _worker_redis(os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/14"))


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
    """An empty schema: the worker's database made anew, or TEST_DATABASE_URL's schema dropped."""
    if WORKER:
        _worker_database_command(url, "DROP DATABASE IF EXISTS {} WITH (FORCE)", "CREATE DATABASE {}")
        return
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()


def _worker_database_command(url: str, *commands: str) -> None:
    """Run ``commands`` about the worker's database (``{}``, quoted) from TEST_DATABASE_URL's."""
    name = sa.engine.make_url(url).database
    admin = sa.create_engine(_postgres_url_of_run(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        quoted = conn.dialect.identifier_preparer.quote(name)
        for command in commands:
            conn.execute(sa.text(command.format(quoted)))
    admin.dispose()


def _postgres_url_of_run() -> str:
    url = os.environ["TEST_DATABASE_URL"]
    return "postgresql+psycopg://" + url[len("postgresql://"):] if url.startswith("postgresql://") else url


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
        "PASSWORD_HASH_METHOD": TEST_PASSWORD_HASH,
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

    yield get
    if WORKER and "postgresql" in built:  # the worker's own database goes with the run
        with built["postgresql"].app_context():
            db.engine.dispose()
        _worker_database_command(_postgres_url(), "DROP DATABASE IF EXISTS {} WITH (FORCE)")


def _on_both_databases(item: pytest.Item) -> bool:
    """The rule of the module docstring: may this test's result depend on the database?"""
    if item.get_closest_marker("both_databases"):
        return True
    if TESTS / "integration" in Path(item.path).parents:
        return True
    module = vars(item.module) if getattr(item, "module", None) else {}
    if any(name in module for name in ("threading", "concurrent", "Thread", "ThreadPoolExecutor", "Barrier")):
        return True
    function = getattr(item, "function", None)
    return function is not None and "backend" in inspect.signature(function).parameters


def pytest_collection_modifyitems(config, items):
    """Keep a test's PostgreSQL run only where the database can matter (module docstring)."""
    once = [item for item in items if getattr(item, "callspec", None)
            and item.callspec.params.get("backend") == "postgresql" and not _on_both_databases(item)]
    if once:
        dropped = set(once)
        items[:] = [item for item in items if item not in dropped]
        config.hook.pytest_deselected(items=once)


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
    """``login(user)`` logs the test client in as ``user``; returns ``user``.

    It writes into the session cookie what the login view writes (Flask-Login's keys, after a
    fresh session), without a request: most tests are not about logging in. ``login(user,
    password)`` posts the real form at /akun/masuk instead (the factory's password is
    ``tests.factories.PASSWORD``), and so does ``login(user)`` while a guest cart waits in the
    session, to merge it as logging in does."""

    def _login(user, password: str | None = None):
        db.session.commit()  # the request must see the user
        with client.session_transaction() as session:
            guest_cart = "cart" in session
        if password is not None or guest_cart:
            return _login_with_form(client, user, password or FACTORY_PASSWORD)
        with client.application.test_request_context(environ_base=client.environ_base):
            identifier = login_manager._session_identifier_generator()
        with client.session_transaction() as session:
            kept = {key: session[key] for key in CARRIED_OVER if key in session}
            session.clear()
            session.update(kept, _user_id=user.get_id(), _fresh=True, _id=identifier)
        return user

    return _login


def _login_with_form(client, user, password: str):
    client.post("/akun/keluar")
    response = client.post("/akun/masuk", data={"login": user.email or user.phone, "password": password})
    assert response.status_code == 302, "login failed"
    return user
