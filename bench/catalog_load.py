"""Benchmark 1: catalog, product and search pages under load, against a bare Flask route.

Method: PostgreSQL with 5,000 approved products in 50 shops; gunicorn with 2 workers
(gthread, 4 threads) serving the real app; wrk with 2 threads and 16 connections for
SECONDS per URL, run one URL at a time on this machine. Each page's requests per second
is divided by the bare route's (same server, same middleware, no database), so the
figure does not depend on how fast this machine is.

The fragment cache is on (Redis, as in production). The home page is then measured
again on a second server started with FRAGMENT_CACHE=0, against that server's own bare
route, to show what the cache gives.
"""
from __future__ import annotations

import os

import requests
from redis import Redis

from bench.common import PG_BENCH, app_for, fresh_database, gunicorn, machine, say, wrk
from bench.data import fill

PRODUCTS = int(os.environ.get("BENCH_PRODUCTS", "5000"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CACHE_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
CACHE_PREFIX = "pasar-ibu-bench:"


def _cache_env(on: bool) -> dict[str, str]:
    return {"CACHE_REDIS_URL": CACHE_URL if on else "", "FRAGMENT_CACHE": "1" if on else "0",
            "CACHE_KEY_PREFIX": CACHE_PREFIX}


def _empty_cache() -> None:
    redis = Redis.from_url(CACHE_URL)
    for key in redis.scan_iter(CACHE_PREFIX + "*"):
        redis.delete(key)


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
    _empty_cache()
    with gunicorn(url, workers=2, extra_env=_cache_env(on=True)) as (base, _process):
        wrk(base + "/", seconds=2)  # warm up both workers
        for name, path in pages.items():
            results[name] = wrk(base + path, seconds=SECONDS)
        first = requests.get(base + "/", timeout=10)
        again = requests.get(base + "/", timeout=10, headers={"If-None-Match": first.headers["ETag"]})
        results["home, repeat visit (ETag)"] = wrk(
            base + "/", seconds=SECONDS, headers={"If-None-Match": first.headers["ETag"]})
    bare = results["bare Flask route"]["rps"]
    ratios = {name: r["rps"] / bare for name, r in results.items()}
    with gunicorn(url, workers=2, extra_env=_cache_env(on=False)) as (base, _process):
        wrk(base + "/", seconds=2)
        bare_off = wrk(base + pages["bare Flask route"], seconds=SECONDS)
        results["home, fragment cache off"] = wrk(base + "/", seconds=SECONDS)
        ratios["home, fragment cache off"] = results["home, fragment cache off"]["rps"] / bare_off["rps"]
    _empty_cache()
    say(f"catalog load: {PRODUCTS} products, PostgreSQL, gunicorn 2 workers, wrk 16 connections, "
        f"{SECONDS}s each; fragment cache on unless said; {machine()}")
    say(f"{'page':<27}{'req/s':>9}{'ratio':>8}{'p50 ms':>9}{'p99 ms':>9}{'non-2xx':>9}")
    for name, r in results.items():
        say(f"{name:<27}{r['rps']:>9.0f}{ratios[name]:>8.2f}{r.get('p50', 0):>9.1f}"
            f"{r.get('p99', 0):>9.1f}{r['errors']:>9.0f}")
    say(f"fragment cache: the home page serves {ratios['home'] / ratios['home, fragment cache off']:.1f}"
        f"x the requests per second with it on (bare route off-run {bare_off['rps']:.0f} req/s)")
    say(f"HTTP caching: the home page is {len(first.content) / 1024:.1f} KB; a repeat visit that "
        f"sends its ETag gets {again.status_code} with {len(again.content)} bytes of body")
    return results


if __name__ == "__main__":
    main()
