"""Whole public pages for anonymous visitors, kept in Redis and served before the view runs.

A visitor is anonymous when her request carries no session cookie and no remember-me
cookie: she has no cart, no login and no message waiting, so the page she gets is the
one every anonymous visitor gets in her language. Only the catalog's public pages
(``PUBLIC_ENDPOINTS``) are kept. A page is stored only when rendering it left the session
empty and set no cookie, so nothing personal can reach the cache.

The key holds the catalog version (``storefront.catalog.freshness`` bumps it after every
change a listing shows), the language, the Kupang date (collections and the Hari Ibu
countdown follow it) and the path with its query, so a change shows on the next request.
Stock counts move without a bump (see freshness); a page shows them at most
``PAGE_SECONDS`` old, and the cart always checks the real stock.

A hit is one round trip to Redis: a small script reads the catalog version and the page
under it together. Pages are stored as plain UTF-8, in the cache's Redis and key prefix.
Served pages still pass every after-request hook (security headers, ETag). A query
argument other than ``CACHED_ARGS`` skips the cache: links tagged ``?src=`` reach the view,
which counts the visit. ``PAGE_CACHE=0`` turns it off;
without Redis there is nothing to turn on. If Redis fails, the page is rendered.
"""
from __future__ import annotations

import hashlib
import logging

from flask import Flask, Response, current_app, g, request, session
from flask_login import current_user
from redis import Redis
from redis.exceptions import RedisError

from storefront import clock
from storefront.web import fragments
from storefront.web.template_helpers import locale_code

log = logging.getLogger(__name__)

#: Seconds a page lives in Redis; it is replaced sooner whenever the catalog version moves.
PAGE_SECONDS = 60
#: Endpoints whose anonymous GET is the same page for every anonymous visitor.
PUBLIC_ENDPOINTS = frozenset({
    "site.home", "catalog.category", "catalog.product", "catalog.search", "shops.shop",
    "collections.collection", "collections.hari_ibu",
})
#: Query arguments these pages read; any other makes the request bypass the cache, so
#: made-up arguments (``/?x=1``, ``/?x=2``…) cannot fill Redis with copies of one page.
CACHED_ARGS = frozenset({"q", "page"})
#: Reads the catalog version (KEYS[1]) and the page stored under it, in one round trip.
LOOKUP = """
local version = redis.call('GET', KEYS[1]) or '0'
return {version, redis.call('GET', ARGV[1] .. version .. ARGV[2])}
"""
#: Response header saying whether the page came from the cache ("hit") or was stored ("miss").
STATUS_HEADER = "X-Page-Cache"


def anonymous() -> bool:
    """The request carries no cookie that could make the page hers."""
    config = current_app.config
    cookies = request.cookies
    return (config["SESSION_COOKIE_NAME"] not in cookies
            and config.get("REMEMBER_COOKIE_NAME", "remember_token") not in cookies)


def _eligible() -> bool:
    return (request.method in ("GET", "HEAD") and request.endpoint in PUBLIC_ENDPOINTS
            and CACHED_ARGS.issuperset(request.args) and current_app.config.get("PAGE_CACHE", True)
            and fragments.enabled() and anonymous())


def _redis() -> Redis:
    """One client per Redis URL and app (the tests bind the cache to another one)."""
    url = current_app.config["CACHE_REDIS_URL"]
    clients = current_app.extensions.setdefault("page_cache", {})
    if url not in clients:
        client = Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
        clients[url] = (client, client.register_script(LOOKUP))
    return clients[url]


def _key_parts() -> tuple[str, str]:
    """The key of this request's page is ``head + version + tail``; the path and query
    are hashed (they may carry search words)."""
    where = hashlib.sha256((request.script_root + request.full_path).encode()).hexdigest()[:32]
    head = current_app.config["CACHE_KEY_PREFIX"] + "page:"
    return head, f":{locale_code()}:{clock.today_local().isoformat()}:{where}"


def _serve():
    if not _eligible():
        return None
    head, tail = _key_parts()
    try:
        version, html = _redis()[1](keys=[current_app.config["CACHE_KEY_PREFIX"]
                                          + fragments.CATALOG_VERSION_KEY], args=[head, tail])
    except RedisError:
        log.warning("page cache unreachable; rendering %s without it", request.endpoint)
        return None
    if html is None:
        g.page_cache_key = head + version.decode() + tail  # the version before the queries
        return None
    response = Response(html, mimetype="text/html")
    response.headers[STATUS_HEADER] = "hit"
    return response


def _personal(response) -> bool:
    return (bool(session) or session.modified or "Set-Cookie" in response.headers
            or current_user.is_authenticated or bool(g.get("private_page")))


def _store(response):
    key = g.pop("page_cache_key", None)
    if key is None or response.status_code != 200 or response.mimetype != "text/html" \
            or response.direct_passthrough or _personal(response):
        return response
    try:
        _redis()[0].set(key, response.get_data(), ex=PAGE_SECONDS)
        response.headers[STATUS_HEADER] = "miss"
    except RedisError:
        log.warning("page cache unreachable; %s not stored", request.endpoint)
    return response


def install(app: Flask) -> None:
    """Serve before every other hook that could touch the session; store after the view."""
    app.before_request_funcs.setdefault(None, []).insert(0, _serve)
    app.after_request(_store)
