"""Merge a guest's cart into her saved cart when she logs in (no change to the login view)."""
from __future__ import annotations

from flask import Flask
from flask_login import user_logged_in


def _merge_on_login(app: Flask, user, **_extra) -> None:  # noqa: ARG001 - signal signature
    from storefront.cart.services import merge
    from storefront.extensions import db

    merge(user)
    db.session.commit()  # the login view itself writes nothing, so this is its one commit


def install(app: Flask) -> None:
    user_logged_in.connect(_merge_on_login, app)
