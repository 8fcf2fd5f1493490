"""Rendered page fragments kept in Redis, for parts of public pages that are costly to build
and the same for every visitor (the home page's listings).

A fragment's key carries the catalog version (see ``storefront.catalog.freshness``), which
is bumped after every commit that changes what listings show, so a change appears on the
next request on every app server; old entries are never read again and simply expire.
Without a Redis URL (``make run``) or with ``FRAGMENT_CACHE=0`` nothing is cached. If Redis
fails, the fragment is rendered as if there were no cache: a page never fails for it.
"""
from __future__ import annotations

import logging
from collections.abc import Callable

from flask import Flask
from flask_caching.backends import NullCache
from markupsafe import Markup
from redis.exceptions import RedisError

from storefront.extensions import cache

log = logging.getLogger(__name__)

#: Seconds a fragment lives; it is replaced sooner whenever the catalog version moves.
FRAGMENT_SECONDS = 600
#: Cache key of the catalog version counter.
CATALOG_VERSION_KEY = "catalog-version"


def init_app(app: Flask) -> None:
    """Bind the cache to Redis (``CACHE_REDIS_URL``), or to nothing when it is unset or off."""
    url = app.config.get("CACHE_REDIS_URL") if app.config.get("FRAGMENT_CACHE", True) else ""
    cache.init_app(app, config={
        "CACHE_TYPE": "RedisCache" if url else "NullCache",
        "CACHE_NO_NULL_WARNING": True,
        "CACHE_REDIS_URL": url,
        "CACHE_KEY_PREFIX": app.config["CACHE_KEY_PREFIX"],
        "CACHE_DEFAULT_TIMEOUT": FRAGMENT_SECONDS,
        # a slow Redis costs a page half a second at most, then the page renders without it
        "CACHE_OPTIONS": {"socket_timeout": 0.5, "socket_connect_timeout": 0.5},
    })


def enabled() -> bool:
    """Whether this app caches fragments (the cache object is shared by every app built)."""
    return not isinstance(cache.cache, NullCache)


def cached_html(name: str, parts: tuple, render: Callable[[], str]) -> Markup:
    """The fragment ``name`` for ``parts`` (locale, date…), from Redis or freshly rendered.

    The version is read before ``render`` runs its queries, so a fragment built from data
    older than a change is stored under the old version, which no one reads any more.
    """
    if not enabled():
        return Markup(render())
    try:
        version = cache.get(CATALOG_VERSION_KEY) or 0
        key = ":".join(("fragment", name, str(version), *map(str, parts)))
        html = cache.get(key)
    except RedisError:
        log.warning("fragment cache unreachable; rendering %s without it", name)
        return Markup(render())
    if html is None:
        html = render()
        try:
            cache.set(key, html)
        except RedisError:
            log.warning("fragment cache unreachable; %s not stored", name)
    return Markup(html)


def bump_catalog_version() -> None:
    """Make every cached catalog fragment stale at once."""
    if not enabled():
        return
    try:
        cache.cache.inc(CATALOG_VERSION_KEY)
    except RedisError:
        log.error("fragment cache unreachable: catalog version not bumped; "
                  "fragments may lag up to %s s", FRAGMENT_SECONDS)


def cached_value(name: str, parts: tuple, compute: Callable[[], object]) -> object:
    """Like ``cached_html`` for a plain value (JSON-able: lists, dicts, numbers, text)."""
    if not enabled():
        return compute()
    try:
        version = cache.get(CATALOG_VERSION_KEY) or 0
        key = ":".join(("value", name, str(version), *map(str, parts)))
        value = cache.get(key)
    except RedisError:
        log.warning("fragment cache unreachable; computing %s without it", name)
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value)
        except RedisError:
            log.warning("fragment cache unreachable; %s not stored", name)
    return value
