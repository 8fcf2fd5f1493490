"""Benchmark 4: search and filtered category pages at 1k, 10k and 100k products (PostgreSQL).

Method: the app in-process through Flask's test client (no network, no fragment cache), so
only the app and the database are measured. Products are added with one
``INSERT … SELECT generate_series`` per size: names and descriptions come from a few
hundred templates whose search columns are folded and stemmed in Python once. Each page is
requested 5 times to warm up, then 60 times measured; p50 and p95 are printed with the
number of SQL statements per request. At the largest size every statement of one request
per page is run again under EXPLAIN, and any sequential scan of ``products`` is flagged.

Targets (issue 19): search p95 < 50 ms and filtered category p95 < 30 ms at 100k.
"""
from __future__ import annotations

import os
import random
import statistics
import time

import sqlalchemy as sa

from bench.common import PG_BENCH, fresh_database, machine, say
from bench.data import categories_and_shops
from storefront import create_app
from storefront.catalog.search_index import file_words
from storefront.domain.areas import ALL_AREAS
from storefront.domain.search_words import index_text, vocabulary
from storefront.extensions import db
from storefront.models import Shop
from storefront.web import fragments

SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "1000,10000,100000").split(",")]
RUNS = int(os.environ.get("BENCH_RUNS", "60"))
CACHE_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
URL = os.environ.get("BENCH_SEARCH_DATABASE_URL",
                     PG_BENCH.rsplit("/", 1)[0] + "/pasar_ibu_bench_search")
#: Words buyers search for, and filler; names take 3 words, descriptions 25.
WORDS = ["kue", "sambal", "tenun", "lontar", "kopi", "keripik", "selendang", "gula", "jagung", "se'i",
         "bolu", "abon", "teh", "sirup", "tas", "dompet", "topi", "keranjang", "kacang", "dodol",
         "anyaman", "tenunan", "kering", "manisan", "asinan", "jajanan", "sulaman", "ikat"]
FILLER = [f"{a}{b}" for a in ("ma", "ka", "la", "sa", "ta", "na", "ra", "ba", "pa", "da")
          for b in ("nis", "rum", "lap", "dik", "mur", "tan", "gol", "pes", "ruk", "wan",
                    "sal", "lot", "kib", "rap", "nug", "dat", "sim", "bor", "lem", "hut")]
NAMES, DESCRIPTIONS = 400, 600
SEARCH_PAGES = {
    "search: 2 words": "/cari?q=sambal+kue",
    "search: typo": "/cari?q=sambel",
    "search: affix + filters": "/cari?q=tenunan&halal=1&harga_max=200.000&urut=termurah",
}
CATEGORY_PAGES = {
    "category: price + halal, cheapest":
        "/kategori/kue?harga_min=20.000&harga_max=100.000&halal=1&urut=termurah",
    "category: available, area": "/kategori/kue?tersedia=1&wilayah=Alak",
    "category: ready by, newest": "/kategori/tenun?siap_sebelum=2099-12-31",
}


def _templates(rng: random.Random):
    names = [" ".join(rng.sample(WORDS, 3)).title() for _ in range(NAMES)]
    descriptions = [" ".join(rng.choices(WORDS + FILLER, k=25)) for _ in range(DESCRIPTIONS)]
    return names, descriptions


def _setup(rng: random.Random, shops: int = 50) -> None:
    categories_and_shops(shops, tuple(ALL_AREAS))
    names, descriptions = _templates(rng)
    db.session.execute(sa.text("CREATE TEMP TABLE bench_names (i int, name text, idx text)"))
    db.session.execute(sa.text("CREATE TEMP TABLE bench_descs (i int, body text, idx text)"))
    db.session.execute(sa.text("INSERT INTO bench_names VALUES (:i, :name, :idx)"),
                       [{"i": i, "name": n, "idx": index_text(n)} for i, n in enumerate(names)])
    db.session.execute(sa.text("INSERT INTO bench_descs VALUES (:i, :body, :idx)"),
                       [{"i": i, "body": d, "idx": index_text(d)} for i, d in enumerate(descriptions)])
    shop_rows = db.session.execute(sa.select(Shop.id, Shop.name)).all()
    db.session.execute(sa.text("CREATE TEMP TABLE bench_shops (i int, id int, idx text)"))
    db.session.execute(sa.text("INSERT INTO bench_shops VALUES (:i, :id, :idx)"),
                       [{"i": i, "id": sid, "idx": index_text(name)}
                        for i, (sid, name) in enumerate(shop_rows)])
    words = set().union(*(vocabulary(t) for t in names + descriptions + [n for _, n in shop_rows]))
    file_words(db.session, words)
    db.session.commit()


def _fill(start: int, stop: int) -> None:
    """Products start+1 … stop, in one statement, plus one photo each."""
    db.session.execute(sa.text("""
        INSERT INTO products (shop_id, category_id, slug, name, description, price, made_to_order,
            stock, lead_days, daily_capacity, status, featured, revision, review_reason, pirt_number,
            pirt_in_process, halal_status, allergens, material, size, search_text, search_name,
            search_shop, created_at, updated_at, approved_at)
        SELECT s.id, c.id, 'produk-' || g, n.name || ' ' || g, d.body, (10 + (g * 7919) % 490) * 1000,
            g % 10 = 0, CASE WHEN g % 10 = 0 THEN NULL ELSE (g * 31) % 50 END,
            CASE WHEN g % 10 = 0 THEN 1 + g % 7 END, CASE WHEN g % 10 = 0 THEN 5 END,
            'approved', g % 50 = 0, 1, '', '', false,
            CASE WHEN g % 3 = 0 THEN 'no_pork' ELSE 'certified' END, '', '', '',
            n.idx || ' ' || g || ' ' || d.idx || ' ' || s.idx, n.idx || ' ' || g, s.idx,
            (now() AT TIME ZONE 'UTC') - g * interval '1 minute', now() AT TIME ZONE 'UTC',
            now() AT TIME ZONE 'UTC'
        FROM generate_series(:start + 1, :stop) AS g
        JOIN bench_names n ON n.i = (g * 7) % :names
        JOIN bench_descs d ON d.i = (g * 13) % :descs
        JOIN bench_shops s ON s.i = (g * 3) % 50
        JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM categories) c ON c.k = g % 5
    """), {"start": start, "stop": stop, "names": NAMES, "descs": DESCRIPTIONS})
    db.session.execute(sa.text(
        "INSERT INTO product_photos (product_id, key, position, width, height) "
        "SELECT id, 'products/bench', 0, 900, 900 FROM products WHERE id > :start"), {"start": start})
    db.session.commit()
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(sa.text("VACUUM ANALYZE"))


def _measure(app, path: str, cold: bool) -> tuple[float, float, int]:
    """p50, p95 and statements per request; ``cold`` empties the cache before each request."""
    client = app.test_client()
    statements: list[str] = []

    def count(*_args):
        statements.append("x")

    for _ in range(5):
        assert client.get(path).status_code == 200, path
    times = []
    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        for _ in range(RUNS):
            if cold:
                fragments.bump_catalog_version()
            start = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - start) * 1000)
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], len(statements) // RUNS


def _app():
    return create_app({"SQLALCHEMY_DATABASE_URI": URL, "MEDIA_ROOT": "/tmp/pasar-ibu-bench-media",
                       "RATELIMIT_ENABLED": False, "CACHE_REDIS_URL": CACHE_URL,
                       "CACHE_KEY_PREFIX": "pasar-ibu-bench-search:", "FRAGMENT_CACHE": True})


def _explain(app, path: str) -> list[str]:
    """EXPLAIN every statement one request runs; lines that scan products sequentially get flagged."""
    captured: list[tuple[str, object]] = []

    def grab(_conn, _cursor, statement, parameters, _context, _many):
        captured.append((statement, parameters))

    sa.event.listen(db.engine, "before_cursor_execute", grab)
    try:
        app.test_client().get(path)
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", grab)
    out = []
    with db.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        for statement, parameters in captured:
            if "products" not in statement:
                continue
            with raw.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) " + statement,
                               parameters)
                plan = [row[0] for row in cursor.fetchall()]
            out.append("  -- " + " ".join(statement.split())[:140] + " …")
            out += [("  !! " if "Seq Scan on products" in line else "     ") + line for line in plan]
        raw.rollback()
    return out


def main() -> dict:
    fresh_database(URL)
    app = _app()
    rng = random.Random(7)
    pages = {**SEARCH_PAGES, **CATEGORY_PAGES}
    results: dict[int, dict[str, tuple[float, float, int]]] = {}
    with app.app_context():
        fragments.bump_catalog_version()
        _setup(rng)
        done = 0
        for size in SIZES:
            started = time.perf_counter()
            _fill(done, size)
            say(f"  {size:,} products ready in {time.perf_counter() - started:.1f} s")
            done = size
            results[size] = {(name, cold): _measure(app, path, cold)
                             for name, path in pages.items() for cold in (True, False)}
        fragments.bump_catalog_version()  # EXPLAIN the queries of a cache miss
        plans = {name: _explain(app, path) for name, path in pages.items()}
    say(f"search: PostgreSQL, in-process test client, {RUNS} requests per page; {machine()}")
    say("cold: the cache is emptied before every request (every query runs); "
        "warm: ids and counts come from the fragment cache, as on a repeat in production")
    say(f"{'products':>9}  {'page':<36}{'cache':>6}{'p50 ms':>8}{'p95 ms':>8}{'queries':>8}")
    for size, measured in results.items():
        for (name, cold), (p50, p95, queries) in measured.items():
            say(f"{size:>9,}  {name:<36}{'cold' if cold else 'warm':>6}{p50:>8.1f}{p95:>8.1f}{queries:>8}")
    largest = results[SIZES[-1]]
    for cold in (True, False):
        search_p95 = max(largest[(name, cold)][1] for name in SEARCH_PAGES)
        category_p95 = max(largest[(name, cold)][1] for name in CATEGORY_PAGES)
        say(f"at {SIZES[-1]:,} ({'cold' if cold else 'warm'}): worst search p95 {search_p95:.1f} ms "
            f"(target < 50), worst filtered category p95 {category_p95:.1f} ms (target < 30)")
    seq = sum(line.startswith("  !!") for lines in plans.values() for line in lines)
    say(f"query plans at {SIZES[-1]:,} products ({seq} sequential scans of products):")
    for name, lines in plans.items():
        say(f" {name}")
        for line in lines:
            say(line)
    return results


if __name__ == "__main__":
    main()
