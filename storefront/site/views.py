"""Home page, health check, language switch and media files."""
from __future__ import annotations

import sqlalchemy as sa
from flask import (
    Blueprint,
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)

from storefront import clock
from storefront.catalog import queries
from storefront.curation import queries as curation_queries
from storefront.extensions import db
from storefront.i18n import LANG_COOKIE
from storefront.media.serving import public_photo_response
from storefront.site import readiness
from storefront.web import fragments
from storefront.web.redirects import safe_next
from storefront.web.template_helpers import locale_code

bp = Blueprint("site", __name__)


@bp.get("/")
def home():
    listings = fragments.cached_html(
        "home", (locale_code(), clock.today_local(), request.script_root), _render_home_listings)
    return render_template("site/home.html", listings=listings)


def _render_home_listings() -> str:
    """Everything below the header; collections depend on the date, so the date is in its key."""
    return render_template(
        "site/_home_listings.html",
        featured=queries.featured(8),
        newest=queries.newest(12),
        categories=queries.categories(),
        collections=curation_queries.active_collections(),
    )


@bp.get("/healthz")
def healthz():
    """Liveness and database check, for load balancers and monitoring."""
    try:
        db.session.execute(sa.text("SELECT 1"))
    except sa.exc.SQLAlchemyError:
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok")


@bp.get("/readyz")
def readyz():
    """Readiness: the database answers and is migrated to the latest revision, Redis answers
    when configured, and the media store is writable. 503 lists what is not ready."""
    checks = readiness.run_checks()
    ready = all(checks.values())
    return jsonify(status="ready" if ready else "not ready", checks=checks), 200 if ready else 503


@bp.get("/bahasa/<lang>")
def set_language(lang: str):
    """Remember the visitor's language in a cookie and go back to the page she was on.

    A plain link, so it works without JavaScript and needs no form or session; it
    changes only her own preference cookie.
    """
    if lang not in current_app.config["LANGUAGES"]:
        abort(404)
    response = redirect(safe_next(request.args.get("next")) or url_for("site.home"))
    response.set_cookie(LANG_COOKIE, lang, max_age=365 * 24 * 3600, samesite="Lax", httponly=True,
                        secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response


@bp.get("/media/<path:name>")
def media(name: str):
    """Photos read through the media store; long-cached because every name is unique."""
    response = public_photo_response(name)
    if response is None:
        abort(404)
    return response

