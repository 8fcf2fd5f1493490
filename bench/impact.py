"""Benchmark: how the impact dashboard's cost grows with the orders (1k, 10k, 100k).

Method: PostgreSQL; the app in-process through Flask's test client (no network), so only
the app and the database are measured. For each size, completed orders with their ledger
entries are added in bulk (30 sellers, spread over the last 6 months), then the staff
dashboard /staf/dampak/ (and one of its SVG charts) is requested 3 times to warm up and
``BENCH_REPEAT`` times (default 10) measured; the median time and the number of SQL
statements per request are printed. The query count must not change with the size.

    python -m bench impact                       # 1k, 10k, 100k orders
    BENCH_IMPACT_SIZES=1000 python -m bench impact   # a quick check
"""
from __future__ import annotations

import os
import statistics
import time

import sqlalchemy as sa

from bench.common import PG_BENCH, app_for, fresh_database, machine, say
from bench.impact_data import bulk_history, more_orders
from storefront.extensions import db
from storefront.models import Role, User

SIZES = [int(s) for s in os.environ.get("BENCH_IMPACT_SIZES", "1000,10000,100000").split(",")]
REPEAT = int(os.environ.get("BENCH_REPEAT", "10"))
SELLERS = 30
PAGES = {"dashboard": "/staf/dampak/", "chart": "/staf/dampak/grafik/penjualan.svg"}


def _staff_client(app):
    with app.app_context():
        staff = User(name="Staf Bench", role=Role.STAFF, email="bench-staff@example.test")
        db.session.add(staff)
        db.session.commit()
        session_id = f"{staff.id}:{staff.session_token}"
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = session_id
        session["_fresh"] = True
    return client


def measure(app, client, path: str) -> tuple[float, int]:
    statements: list[str] = []

    def count(*_args):
        statements.append("x")

    for _ in range(3):
        assert client.get(path).status_code == 200, path
    times = []
    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        for _ in range(REPEAT):
            start = time.perf_counter()
            assert client.get(path).status_code == 200
            times.append((time.perf_counter() - start) * 1000)
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
    return statistics.median(times), len(statements) // REPEAT


def main() -> dict:
    url = fresh_database(PG_BENCH)
    app = app_for(url)
    client = _staff_client(app)
    results: dict[int, dict[str, tuple[float, int]]] = {}
    done = 0
    for n, size in enumerate(SIZES):
        with app.app_context():
            started = time.perf_counter()
            if n == 0:
                bulk_history(SELLERS, size, prefix="bench")
            else:
                more_orders(size - done, shop_prefix="bench", prefix=f"bench{n}", seed=n)
            db.session.execute(sa.text("ANALYZE"))
            db.session.commit()
            say(f"  {size:>7} orders loaded in {time.perf_counter() - started:.1f} s")
        done = size
        results[size] = {name: measure(app, client, path) for name, path in PAGES.items()}
    say(f"impact: PostgreSQL, in-process test client, median of {REPEAT} requests, "
        f"{SELLERS} sellers, 6 months; {machine()}")
    say(f"{'orders':>9}  {'page':<10}{'median ms':>10}{'queries':>9}{'× at first':>11}")
    first = results[SIZES[0]]
    for size, pages in results.items():
        for name, (ms, queries) in pages.items():
            say(f"{size:>9}  {name:<10}{ms:>10.1f}{queries:>9}{ms / first[name][0]:>11.2f}")
    for name in PAGES:
        counts = sorted({pages[name][1] for pages in results.values()})
        same = len(counts) == 1
        verdict = "the same query count at every size" if same else f"query count CHANGED: {counts}"
        say(f"{name}: {verdict}")
    return results


if __name__ == "__main__":
    main()
