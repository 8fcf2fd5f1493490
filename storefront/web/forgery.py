"""Forgery checks for the one form on pages shared by every anonymous visitor: add to cart.

Such a page comes from the page cache or a shared cache and must set no cookie, so it
carries no CSRF token (a token lives in the session). A visitor with a session proves
the form is ours with her token, as everywhere else. A visitor without one has nothing
to lose to a forged request (no cart, no login: a cross-site POST never carries the
SameSite=Lax session cookie), and her browser is still asked where the form came from:
a request that says it comes from another site is refused.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlsplit

from flask import current_app, request, session
from flask_wtf.csrf import CSRFError

from storefront.extensions import csrf


def same_site() -> bool:
    """The browser does not say the request comes from another site: Fetch metadata, then
    Origin; without Origin, behind HTTPS the Referer must be ours (Flask-WTF's strict check)."""
    if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
        return False
    ours = urlsplit(request.host_url)[:2]
    origin = request.headers.get("Origin")
    if origin is not None:
        return urlsplit(origin)[:2] == ours
    if request.is_secure and current_app.config.get("WTF_CSRF_SSL_STRICT", True):
        return urlsplit(request.referrer or "")[:2] == ours
    return True


def token_or_same_site(view: Callable) -> Callable:
    """Exempt ``view`` from the global CSRF hook and check it here instead (see above)."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if current_app.config.get("WTF_CSRF_ENABLED", True):
            if session or request.form.get("csrf_token"):
                csrf.protect()
            elif not same_site():
                raise CSRFError("The form came from another site.")
        return view(*args, **kwargs)

    csrf.exempt(wrapped)
    return wrapped
