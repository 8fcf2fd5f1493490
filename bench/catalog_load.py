"""Benchmark 1: the anonymous catalog pages under load, as ratios of a bare Flask app.

Method: PostgreSQL with 5,000 approved products in 50 shops and a Hari Ibu collection of
48; three gunicorn servers with the same settings (gunicorn.conf.py, 2 workers): the bare
Flask app of ``bench/bare_app.py`` (the yardstick), the shop with every cache on (page
and fragment caches in Redis, as in production) and the shop with every cache off. wrk
(2 threads, 16 connections, SECONDS per URL) hits one URL at a time. Each figure is the
page's requests per second divided by the bare app's in the same run; the whole table
is measured RUNS times so the spread between runs shows. The server's CPU per request is
the CPU time its processes used during the page's wrk run, divided by the requests served.

The shop's own trivial route (``/_bench/bare``) is a second line: its gap to the bare
app is what the shop's middleware costs on every request. When Debian's nginx is
installed, the cached server is also measured behind ``deploy/nginx.conf``'s page cache.
"""
from __future__ import annotations

import contextlib
import os

import requests
from redis import Redis

from bench import proxy
from bench.common import (
    PG_BENCH,
    app_for,
    cpu_seconds,
    fresh_database,
    gunicorn,
    load_average,
    machine,
    say,
    wrk,
)
from bench.data import fill, fill_collection

PRODUCTS = int(os.environ.get("BENCH_PRODUCTS", "5000"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
RUNS = int(os.environ.get("BENCH_RUNS", "2"))
CACHE_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
CACHE_PREFIX = "pasar-ibu-bench:"
#: The anonymous catalog pages, by the name the table gives them.
PAGES = {
    "home": "/",
    "category": "/kategori/kue",
    "product": f"/produk/produk-{PRODUCTS // 2}",
    "shop": "/toko/toko-7",
    "collection": "/koleksi/hadiah-hari-ibu",
    "Hari Ibu": "/hari-ibu",
    'search "kue"': "/cari?q=kue",
    'search "kue", page 2': "/cari?q=kue&page=2",
}


def _cache_env(on: bool) -> dict[str, str]:
    return {"CACHE_REDIS_URL": CACHE_URL if on else "", "FRAGMENT_CACHE": "1" if on else "0",
            "PAGE_CACHE": "1" if on else "0", "CACHE_KEY_PREFIX": CACHE_PREFIX}


def _empty_cache() -> None:
    redis = Redis.from_url(CACHE_URL)
    for key in redis.scan_iter(CACHE_PREFIX + "*"):
        redis.delete(key)


def measure(base: str, process, path: str) -> dict[str, float]:
    """wrk on one URL, plus the server's CPU milliseconds per request meanwhile."""
    before = cpu_seconds(process)
    result = wrk(base + path, seconds=SECONDS)
    result["cpu_ms"] = (cpu_seconds(process) - before) * 1000 / max(result["requests"], 1)
    return result


def one_run(bare, cached, uncached) -> dict[str, dict[str, float]]:
    """Every line of the table once: the bare app first, the pages, then the bare app again."""
    rows = {"bare Flask app": measure(*bare, "/")}
    rows["shop's trivial route"] = measure(*cached, "/_bench/bare")
    for name, path in PAGES.items():
        rows[f"{name}, caches on"] = measure(*cached, path)
    for name, path in PAGES.items():
        rows[f"{name}, caches off"] = measure(*uncached, path)
    # the machine is shared: the yardstick is the mean of its figure before and after
    again = measure(*bare, "/")
    rows["bare Flask app"]["rps"] = (rows["bare Flask app"]["rps"] + again["rps"]) / 2
    bare_rps = rows["bare Flask app"]["rps"]
    for row in rows.values():
        row["ratio"] = row["rps"] / bare_rps
    return rows


def main() -> list[dict[str, dict[str, float]]]:
    url = fresh_database(PG_BENCH)
    app = app_for(url)
    with app.app_context():
        fill(PRODUCTS)
        fill_collection("hadiah-hari-ibu", 48)
    _empty_cache()
    say(f"load average before: {load_average()}")
    with contextlib.ExitStack() as stack:
        bare = stack.enter_context(gunicorn(url, app="bench.bare_app:app"))
        cached = stack.enter_context(gunicorn(url, extra_env=_cache_env(on=True)))
        uncached = stack.enter_context(gunicorn(url, extra_env=_cache_env(on=False)))
        for base, _process in (cached, uncached):
            wrk(base + "/", seconds=2)  # warm up both workers
        runs = [one_run(bare, cached, uncached) for _ in range(RUNS)]
        first = requests.get(cached[0] + "/", timeout=10)
        again = requests.get(cached[0] + "/", timeout=10,
                             headers={"If-None-Match": first.headers["ETag"]})
        behind_proxy = proxy.measure(cached[0], bare, SECONDS) if proxy.available() else None
    _empty_cache()
    say(f"catalog load: {PRODUCTS} products, PostgreSQL, gunicorn.conf.py with 2 workers, wrk 2 "
        f"threads 16 connections {SECONDS}s per URL; {machine()}; load average after: "
        f"{load_average()}")
    header = "".join(f"{f'run {n + 1}':>8}" for n in range(RUNS))
    say(f"| {'page':<34}|{header} | {'req/s':>7} | {'p99 ms':>7} | {'CPU ms/req':>10} | non-2xx |")
    for name in runs[0]:
        ratios = "".join(f"{run[name]['ratio']:>8.3f}" for run in runs)
        last = runs[-1][name]
        say(f"| {name:<34}|{ratios} | {last['rps']:>7.0f} | {last.get('p99', 0):>7.1f} | "
            f"{last['cpu_ms']:>10.2f} | {last['errors']:>7.0f} |")
    say("(req/s, p99 and CPU are from the last run; CPU is the server's user + system time)")
    say(f"HTTP caching: the home page is {len(first.content) / 1024:.1f} KB; a repeat visit that "
        f"sends its ETag gets {again.status_code} with {len(again.content)} bytes of body")
    if behind_proxy:
        say(proxy.report(behind_proxy))
    return runs


if __name__ == "__main__":
    main()
