"""What each request hook costs: `python -m bench middleware`.

Method: the shop (``bench/wsgi_bench.py``) and the bare app of ``bench/bare_app.py``,
called in-process through WSGI (no server, no network) REQUESTS times each, on the
shop's trivial route and on an anonymous page served from the page cache when Redis is
configured. Every before-request, after-request and teardown hook is wrapped in a timer,
and the request's whole time is split into the hooks, the view, and the rest (Flask's
own dispatch, the session, the request context).
"""
from __future__ import annotations

import functools
import os
import time
from collections import defaultdict

from werkzeug.test import EnvironBuilder

from bench.common import say

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "3000"))


def _call(app, environ: dict) -> None:
    body = app.wsgi_app(dict(environ), lambda *_args: None)
    b"".join(body)
    getattr(body, "close", lambda: None)()


def per_request_ms(app, path: str, n: int = REQUESTS) -> float:
    environ = EnvironBuilder(path=path, headers={"Accept-Language": "id"}).get_environ()
    for _ in range(50):
        _call(app, environ)
    start = time.perf_counter()
    for _ in range(n):
        _call(app, environ)
    return (time.perf_counter() - start) * 1000 / n


def _name(func) -> str:
    owner = getattr(func, "__self__", None)
    prefix = f"{type(owner).__name__}." if owner is not None else f"{func.__module__}."
    return prefix + func.__name__


def _timed(func, totals: dict[str, float], kind: str):
    name = f"{kind} {_name(func)}"

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            totals[name] += time.perf_counter() - start

    return wrapper


def hook_costs(app, path: str, n: int = REQUESTS) -> dict[str, float]:
    """Microseconds per request in each app-wide hook, on ``path``."""
    totals: dict[str, float] = defaultdict(float)
    saved = {}
    for kind, registry in (("before", app.before_request_funcs),
                           ("after", app.after_request_funcs),
                           ("teardown", app.teardown_request_funcs),
                           ("teardown", app.teardown_appcontext_funcs)):
        funcs = registry.get(None) if isinstance(registry, dict) else registry
        if funcs is None:
            continue
        saved[id(funcs)] = (funcs, list(funcs))
        funcs[:] = [_timed(func, totals, kind) for func in funcs]
    try:
        per_request_ms(app, path, n)
    finally:
        for funcs, original in saved.values():
            funcs[:] = original
    return {name: seconds * 1e6 / n for name, seconds in totals.items()}


def main() -> None:
    os.environ.setdefault("RATELIMIT_ENABLED", "0")
    from bench.bare_app import app as bare
    from bench.wsgi_bench import app as shop

    bare_ms = per_request_ms(bare, "/")
    say(f"in-process, {REQUESTS} requests each: bare Flask app {bare_ms * 1000:.0f} µs per request")
    for label, path in (("trivial route", "/_bench/bare"), ("home page", "/")):
        total = per_request_ms(shop, path)
        costs = hook_costs(shop, path)
        say(f"shop, {label} ({path}): {total * 1000:.0f} µs per request; hooks:")
        for name, micro in sorted(costs.items(), key=lambda item: -item[1]):
            say(f"  {micro:>7.0f} µs  {name}")
        say(f"  {sum(costs.values()):>7.0f} µs  all hooks")


if __name__ == "__main__":
    main()
