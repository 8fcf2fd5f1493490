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

Served pages still pass every after-request hook (security headers, ETag). Links tagged
``?src=`` always reach the view, which counts the visit. ``PAGE_CACHE=0`` turns it off;
without Redis there is nothing to turn on.
"""
from __future__ import annotations

import hashlib
import logging

from flask import Flask, Response, current_app, g, request, session
from flask_login import current_user
from redis.exceptions import RedisError

from storefront import clock
from storefront.extensions import cache
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
            and "src" not in request.args and current_app.config.get("PAGE_CACHE", True)
            and fragments.enabled() and anonymous())


def page_key(version: int | str) -> str:
    """The cache key of this request's page; the path and query are hashed (search words)."""
    where = hashlib.sha256(request.full_path.encode()).hexdigest()[:32]
    return ":".join(("page", str(version), locale_code(), clock.today_local().isoformat(), where))


def _serve():
    if not _eligible():
        return None
    try:
        key = page_key(cache.get(fragments.CATALOG_VERSION_KEY) or 0)
        html = cache.get(key)
    except RedisError:
        log.warning("page cache unreachable; rendering %s without it", request.endpoint)
        return None
    if html is None:
        g.page_cache_key = key  # read before the view's queries, like fragments
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
        cache.set(key, response.get_data(as_text=True), timeout=PAGE_SECONDS)
        response.headers[STATUS_HEADER] = "miss"
    except RedisError:
        log.warning("page cache unreachable; %s not stored", request.endpoint)
    return response


def install(app: Flask) -> None:
    """Serve before every other hook that could touch the session; store after the view."""
    app.before_request_funcs.setdefault(None, []).insert(0, _serve)
    app.after_request(_store)
