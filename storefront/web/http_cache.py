"""HTTP caching for pages: an ETag on every HTML page, so a phone that already has a page
gets "304 Not Modified" and no body.

A page that depends on no session is public: a shared cache (nginx, see
deploy/nginx.conf) may keep it ``SHARED_MAX_AGE`` seconds and then revalidate it, and it
varies only with the language. The browser revalidates it every time (``max-age=0``), so
switching the language (a cookie) shows at once; the answer is a 304 when nothing moved.
Personal pages are private and revalidated too.

The ETag hashes the exact bytes sent, so it changes whenever anything on the page does.
"""
from __future__ import annotations

from flask import Flask, g, request, session
from flask.sessions import SecureCookieSessionInterface
from flask_login import current_user

from storefront.web import page_cache

#: Seconds a shared cache may reuse a page that is the same for every visitor.
SHARED_MAX_AGE = 30
#: Cache-Control of a page that is the same for every visitor without a session.
PUBLIC = f"public, max-age=0, s-maxage={SHARED_MAX_AGE}"
#: Cache-Control of a page made for one visitor: her browser only, revalidated each time.
PRIVATE = "private, no-cache"


def _cacheable(response) -> bool:
    return (request.method in ("GET", "HEAD") and response.status_code == 200
            and response.mimetype == "text/html" and not response.direct_passthrough
            and not g.get("private_page"))


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie session, minus "Vary: Cookie" on a page that read the empty
    session of a visitor who sent no session cookie. Such a page is the same for every
    visitor without one, and says so; a shared cache sends visitors with a session cookie
    to the app (deploy/page_cache.conf), and their pages are private."""

    def save_session(self, app, session, response) -> None:
        if session or session.modified or self.get_cookie_name(app) in request.cookies:
            super().save_session(app, session, response)


def install(app: Flask) -> None:
    app.session_interface = SessionInterface()

    @app.after_request
    def _etag(response):
        if not _cacheable(response):
            return response
        # the session cookie is written after this hook, so ask the session itself; a visitor
        # who sent no login cookie is not logged in (no need to load the user to know it)
        personal = bool(session) or "Set-Cookie" in response.headers or (
            not page_cache.anonymous() and current_user.is_authenticated)
        headers = response.headers
        if "Cache-Control" not in headers:  # one header write, not one per attribute
            headers["Cache-Control"] = PRIVATE if personal else PUBLIC
        elif personal:
            response.cache_control.private = response.cache_control.no_cache = True
        else:
            response.cache_control.public = True
            response.cache_control.max_age = 0
            response.cache_control.s_maxage = SHARED_MAX_AGE
        if "Vary" in headers:
            response.vary.add("Accept-Language")
        else:
            headers["Vary"] = "Accept-Language"
        response.add_etag()
        return response.make_conditional(request)

    # registered after the ETag hook, so it runs before it and stores the full body
    page_cache.install(app)
