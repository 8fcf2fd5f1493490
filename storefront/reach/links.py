"""Absolute links built from PUBLIC_BASE_URL, never from the request's Host header."""
from __future__ import annotations

from flask import current_app, request, url_for


def absolute_url(endpoint: str, **values) -> str:
    """Works in a request and outside one (commands, jobs): the path comes from url_for."""
    base = current_app.config["PUBLIC_BASE_URL"].rstrip("/")
    return base + url_for(endpoint, _external=False, **values)


def canonical_url() -> str:
    """This page's public address without its query string."""
    return current_app.config["PUBLIC_BASE_URL"].rstrip("/") + request.path


def media_link(name: str, absolute: bool = False) -> str:
    """A stored photo's address: straight from the bucket or CDN when ``MEDIA_PUBLIC_URL``
    is set, else the app's /media route (absolute for feeds and messages)."""
    public = current_app.config["MEDIA_PUBLIC_URL"]
    if public:
        return f"{public}/{name}"
    return absolute_url("site.media", name=name) if absolute else url_for("site.media", name=name)
