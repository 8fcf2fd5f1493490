"""Error pages that speak to the person, in her language, and say what to do next."""
from __future__ import annotations

import logging

from flask import Flask, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import HTTPException

from storefront.extensions import db
from storefront.media.storage import StorageError

log = logging.getLogger(__name__)


def _messages() -> dict[int, tuple[str, str]]:
    return {
        400: (_("We could not read that request"),
              _("Something in the data sent was wrong. Reload the page and try again.")),
        403: (_("You do not have access"),
              _("This page is not for your account. "
                "Go back to the home page or log in with another account.")),
        404: (_("Page not found"),
              _("This product may no longer be for sale, or the address has a typo.")),
        405: (_("This page cannot be opened this way"),
              _("Use the buttons on the page instead of opening this address directly.")),
        413: (_("The file is too large"),
              _("Photos can be at most 10 MB. Choose another photo or make it smaller first.")),
        409: (_("Someone changed this at the same moment"),
              _("Nothing was lost. Reload the page to see how it stands now, then try again.")),
        429: (_("Too many attempts"),
              _("Wait a minute, then try again.")),
        500: (_("Sorry, something went wrong"),
              _("The fault is ours. Your data is safe. Please try again in a moment.")),
    }


def render_error(code: int):
    title, hint = _messages().get(code, _messages()[500])
    return render_template("errors/error.html", code=code, title=title, hint=hint), code


def install(app: Flask) -> None:
    from storefront.web import input_guard

    input_guard.install(app)

    @app.errorhandler(CSRFError)
    def _csrf(_error):
        log.info("csrf refused on %s", request.path)
        title = _("This page has expired")
        hint = _("Reload the page and send it again.")
        return render_template("errors/error.html", code=400, title=title, hint=hint), 400

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException):
        if error.code and error.code < 400:
            return error
        return render_error(error.code or 500)

    @app.errorhandler(IntegrityError)
    def _raced(_error: IntegrityError):
        # two people changed the same row at once and a constraint stopped the second: a 409
        log.warning("integrity error on %s (a concurrent change)", request.path)
        db.session.rollback()
        return render_error(409)

    @app.errorhandler(StorageError)
    def _store_down(_error: StorageError):
        log.exception("media store failed on %s", request.path)
        return render_error(503)

    @app.errorhandler(Exception)
    def _unexpected(_error: Exception):
        log.exception("unhandled error on %s", request.path)
        db.session.rollback()  # the page below may load the user: not on a failed transaction
        return render_error(500)
