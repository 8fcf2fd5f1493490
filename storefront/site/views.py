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
    send_from_directory,
    url_for,
)

from storefront.catalog import queries
from storefront.curation import queries as curation_queries
from storefront.extensions import db
from storefront.i18n import LANG_COOKIE
from storefront.site.forms import LanguageForm

bp = Blueprint("site", __name__)


@bp.get("/")
def home():
    return render_template(
        "site/home.html",
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


@bp.post("/bahasa")
def set_language():
    form = LanguageForm()
    if not form.validate_on_submit():
        abort(400)
    target = form.next.data or "/"
    if not target.startswith("/") or target.startswith("//"):
        target = url_for("site.home")
    response = redirect(target)
    response.set_cookie(LANG_COOKIE, form.lang.data, max_age=365 * 24 * 3600,
                        samesite="Lax", httponly=True,
                        secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response


@bp.get("/media/<path:name>")
def media(name: str):
    """Local media files; long-cached because every name is unique."""
    if not name.endswith(".webp"):
        abort(404)
    response = send_from_directory(current_app.config["MEDIA_ROOT"], name, max_age=31536000)
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


def language_form() -> LanguageForm:
    form = LanguageForm()
    form.next.data = request.full_path.rstrip("?")
    return form
