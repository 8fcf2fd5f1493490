"""Fingerprinted static files: ``url_for('static', …)`` adds ``?v=<hash of the file>``, and a
request carrying the file's current hash may be kept a year (``immutable``). A changed file
gets a new hash, so a phone never keeps an old stylesheet; a request without it (or with an
old hash) is served ``no-cache`` as before.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from flask import Flask, request

#: A year, in seconds: how long a fingerprinted file may be kept.
YEAR = 365 * 24 * 3600

_hashes: dict[tuple[str, float], str] = {}


def version(app: Flask, filename: str) -> str | None:
    """The first 10 hex digits of the file's SHA-256, recomputed when the file changes."""
    path = Path(app.static_folder or "") / filename
    try:
        key = (str(path), path.stat().st_mtime)
    except OSError:
        return None
    if key not in _hashes:
        _hashes[key] = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
    return _hashes[key]


def install(app: Flask) -> None:
    @app.url_defaults
    def _fingerprint(endpoint: str, values: dict) -> None:
        if endpoint == "static" and "filename" in values and "v" not in values:
            found = version(app, values["filename"])
            if found:
                values["v"] = found

    @app.after_request
    def _cache_fingerprinted(response):
        if request.endpoint != "static" or response.status_code not in (200, 304):
            return response
        wanted = request.args.get("v")
        if wanted and wanted == version(app, (request.view_args or {}).get("filename", "")):
            response.cache_control.no_cache = False
            response.cache_control.public = True
            response.cache_control.max_age = YEAR
            response.cache_control.immutable = True
        return response
