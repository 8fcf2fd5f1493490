"""HTTP caching for pages: an ETag on every HTML page, so a phone that already has a page
gets "304 Not Modified" and no body; pages that depend on no session may also be kept
60 seconds by the browser or a shared cache.

The ETag hashes the exact bytes sent, so it changes whenever anything on the page does.
"""
from __future__ import annotations

from flask import Flask, g, request, session
from flask_login import current_user

#: Seconds a browser or shared cache may reuse a page that is the same for every visitor.
PUBLIC_MAX_AGE = 60


def _cacheable(response) -> bool:
    return (request.method in ("GET", "HEAD") and response.status_code == 200
            and response.mimetype == "text/html" and not response.direct_passthrough
            and not g.get("private_page"))


def install(app: Flask) -> None:
    @app.after_request
    def _etag(response):
        if not _cacheable(response):
            return response
        # the session cookie is written after this hook, so ask the session itself
        personal = bool(session) or current_user.is_authenticated or "Set-Cookie" in response.headers
        if personal:
            response.cache_control.private = True
            response.cache_control.no_cache = True
        else:
            response.cache_control.public = True
            response.cache_control.max_age = PUBLIC_MAX_AGE
            response.vary.add("Cookie")  # the language cookie changes the page
        response.vary.add("Accept-Language")
        response.add_etag()
        return response.make_conditional(request)
