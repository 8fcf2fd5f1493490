"""Who may open what: role checks for views."""
from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps

from flask import abort, current_app, g, request, url_for
from flask_login import current_user

from storefront.accounts.models import Role, User
from storefront.extensions import login_manager
from storefront.web.redirects import safe_next  # noqa: F401 - the one check, kept importable here

log = logging.getLogger(__name__)


def role_required(*roles: Role) -> Callable:
    """Anonymous visitors go to login; a logged-in user with another role gets 403."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if current_user.role not in roles:
                log.info("access denied user=%s path=%s", current_user.id, request.path)
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


staff_required = role_required(Role.STAFF)


def acting_for() -> User | None:
    """The seller a mentor acts for in this request (checked by ``storefront.assist.acting``)."""
    return g.get("assisted_seller")


def seller_required(view: Callable) -> Callable:
    """A seller, or a mentor acting for a seller whose consent holds right now."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if current_user.role != Role.SELLER and acting_for() is None:
            log.info("access denied user=%s path=%s", current_user.id, request.path)
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def home_for(user: User) -> str:
    """Where a user lands after logging in."""
    endpoints = {Role.STAFF: "staff.home", Role.SELLER: "seller.home"}
    endpoint = endpoints.get(user.role, "site.home")
    if endpoint not in current_app.view_functions:
        endpoint = "site.home"
    return url_for(endpoint)
