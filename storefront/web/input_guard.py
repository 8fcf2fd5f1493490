"""Refuse input no person types: NUL characters cannot be stored (PostgreSQL refuses them)."""
from __future__ import annotations

from flask import Flask, abort, request


def _has_nul(values) -> bool:
    return any("\x00" in value for value in values)


def install(app: Flask) -> None:
    @app.before_request
    def _refuse_nul_characters():
        if "\x00" in request.path or _has_nul(request.args.values()):
            abort(400)
        if request.method == "POST" and request.mimetype != "application/json" \
                and _has_nul(request.form.values()):
            abort(400)
