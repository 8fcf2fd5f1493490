"""Benchmark 3: how the home and search pages cost grows with the catalog (1k, 10k, 100k).

Method: PostgreSQL; the app in-process through Flask's test client (no network), so
only the app and the database are measured. For each size the products are added in
bulk, then each page is requested 5 times to warm up and 30 times measured; the
median time and the number of SQL statements per request are printed. The ratio is
each median against the same page at 1k products.
"""
from __future__ import annotations

import os
import statistics
import time

import sqlalchemy as sa

from bench.common import PG_BENCH, app_for, fresh_database, machine, say
from bench.data import fill
from storefront.extensions import db

SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "1000,10000,100000").split(",")]
PAGES = {"home": "/", "search": "/cari?q=sambal+kue"}


def measure(app, path: str) -> tuple[float, int]:
    client = app.test_client()
    statements: list[str] = []

    def count(*_args):
        statements.append("x")

    for _ in range(5):
        client.get(path)
    times = []
    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        for _ in range(30):
            start = time.perf_counter()
            assert client.get(path).status_code == 200
            times.append((time.perf_counter() - start) * 1000)
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)
    return statistics.median(times), len(statements) // 30


def main() -> dict:
    url = fresh_database(PG_BENCH)
    app = app_for(url)
    results: dict[int, dict[str, tuple[float, int]]] = {}
    done = 0
    for size in SIZES:
        with app.app_context():
            fill(size - done)
            db.session.execute(sa.text("ANALYZE"))
            db.session.commit()
            done = size
            results[size] = {name: measure(app, path) for name, path in PAGES.items()}
    say(f"scaling: PostgreSQL, in-process test client, median of 30 requests; {machine()}")
    say(f"{'products':>9}  {'page':<8}{'median ms':>10}{'queries':>9}{'× at 1k':>9}")
    first = results[SIZES[0]]
    for size, pages in results.items():
        for name, (ms, queries) in pages.items():
            say(f"{size:>9}  {name:<8}{ms:>10.1f}{queries:>9}{ms / first[name][0]:>9.2f}")
    return results


if __name__ == "__main__":
    main()
