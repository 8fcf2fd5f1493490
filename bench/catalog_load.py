"""Benchmark 1: catalog, product and search pages under load, against a bare Flask route.

Method: PostgreSQL with 5,000 approved products in 50 shops; gunicorn with 2 workers
(gthread, 4 threads) serving the real app; wrk with 2 threads and 16 connections for
SECONDS per URL, run one URL at a time on this machine. Each page's requests per second
is divided by the bare route's (same server, same middleware, no database), so the
figure does not depend on how fast this machine is.
"""
from __future__ import annotations

import os

import requests

from bench.common import PG_BENCH, app_for, fresh_database, gunicorn, machine, say, wrk
from bench.data import fill

PRODUCTS = int(os.environ.get("BENCH_PRODUCTS", "5000"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))


def main() -> dict[str, dict[str, float]]:
    url = fresh_database(PG_BENCH)
    app = app_for(url)
    with app.app_context():
        fill(PRODUCTS)
    pages = {
        "bare Flask route": "/_bench/bare",
        "home": "/",
        "category": "/kategori/kue",
        "product": f"/produk/produk-{PRODUCTS // 2}",
        "search": "/cari?q=sambal+kue",
    }
    results = {}
    with gunicorn(url, workers=2) as (base, _process):
        wrk(base + "/", seconds=2)  # warm up both workers
        for name, path in pages.items():
            results[name] = wrk(base + path, seconds=SECONDS)
        first = requests.get(base + "/", timeout=10)
        again = requests.get(base + "/", timeout=10, headers={"If-None-Match": first.headers["ETag"]})
        results["home, repeat visit (ETag)"] = wrk(
            base + "/", seconds=SECONDS, headers={"If-None-Match": first.headers["ETag"]})
    bare = results["bare Flask route"]["rps"]
    say(f"catalog load: {PRODUCTS} products, PostgreSQL, gunicorn 2 workers, wrk 16 connections, "
        f"{SECONDS}s each; {machine()}")
    say(f"{'page':<27}{'req/s':>9}{'ratio':>8}{'p50 ms':>9}{'p99 ms':>9}{'non-2xx':>9}")
    for name, r in results.items():
        say(f"{name:<27}{r['rps']:>9.0f}{r['rps'] / bare:>8.2f}{r.get('p50', 0):>9.1f}"
            f"{r.get('p99', 0):>9.1f}{r['errors']:>9.0f}")
    say(f"HTTP caching: the home page is {len(first.content) / 1024:.1f} KB; a repeat visit that "
        f"sends its ETag gets {again.status_code} with {len(again.content)} bytes of body")
    return results


if __name__ == "__main__":
    main()
