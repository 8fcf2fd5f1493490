"""HTTP security headers (Flask-Talisman) and proxy handling.

The CSP allows no inline script or style: pages carry none. Forms may post only
to this site, and checkout may redirect to Stripe's hosted page.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, g
from flask_talisman import Talisman
from werkzeug.middleware.proxy_fix import ProxyFix

#: Rate limits per IP address on the costly or abusable forms (login has its own, per account too).
CHECKOUT_LIMIT = "10/minute"
UPLOAD_LIMIT = "30/minute"

#: Referrer-Policy of pages carrying a secret: other sites never see the address, we do.
PRIVATE_REFERRER_POLICY = "same-origin"

#: Content Security Policy: everything from this site, nothing inline, never framed.
CSP = {
    "default-src": "'self'",
    "img-src": "'self' data:",
    "style-src": "'self'",
    "script-src": "'self'",
    "font-src": "'self'",
    "connect-src": "'self'",
    "form-action": "'self' https://checkout.stripe.com",
    "frame-ancestors": "'none'",
    "base-uri": "'self'",
    "object-src": "'none'",
}


def content_security_policy(app: Flask) -> dict[str, str]:
    """The CSP, with the bucket or CDN in ``MEDIA_PUBLIC_URL`` allowed to serve images."""
    public = urlsplit(app.config.get("MEDIA_PUBLIC_URL") or "")
    if not public.netloc:
        return CSP
    return {**CSP, "img-src": f"{CSP['img-src']} {public.scheme}://{public.netloc}"}


def keep_private() -> None:
    """Mark this response as carrying a secret (a one-time link): never cached, and its address
    never sent to another site. ``same-origin``, not ``no-referrer``: our own forms on the page
    still send a Referer, which Flask-WTF's strict check needs over HTTPS."""
    g.private_page = True


def _private_headers(response):
    if g.get("private_page"):
        response.headers["Cache-Control"] = "no-store"
        response.headers["Referrer-Policy"] = PRIVATE_REFERRER_POLICY
    return response


def install(app: Flask) -> None:
    from storefront.web import http_cache

    # registered before Talisman's hook, so these run after it and have the last word
    app.after_request(_private_headers)
    http_cache.install(app)
    production = app.config["APP_ENV"] == "production"
    hops = int(app.config.get("TRUSTED_PROXY_HOPS", 0))
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    # one Talisman per app: it keeps its options on the instance, not on the app
    app.extensions["talisman"] = Talisman(
        app,
        content_security_policy=content_security_policy(app),
        force_https=production,
        strict_transport_security=production,
        strict_transport_security_max_age=31536000,
        strict_transport_security_include_subdomains=True,
        session_cookie_secure=app.config["SESSION_COOKIE_SECURE"],
        session_cookie_http_only=True,
        frame_options="DENY",
        referrer_policy="strict-origin-when-cross-origin",
        permissions_policy={"geolocation": "()", "camera": "(self)", "microphone": "()"},
    )
