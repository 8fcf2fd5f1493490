"""/staf: programme staff's start page, and staff permissions for admins."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from storefront.accounts.models import User
from storefront.extensions import db
from storefront.staff import permissions
from storefront.web.access import staff_required

bp = Blueprint("staff", __name__, url_prefix="/staf")

#: The largest id a PostgreSQL integer column holds; a bigger one in a URL is simply not found.
MAX_ID = 2**31 - 1


@bp.get("/")
@staff_required
def home():
    return render_template("staff/home.html", is_admin=current_user.has_permission(permissions.ADMIN))


def _admin_only() -> None:
    if not current_user.has_permission(permissions.ADMIN):
        abort(403)


@bp.get("/hak-akses")
@staff_required
def staff_permissions():
    _admin_only()
    members = [(member, permissions.parse(member.permissions)) for member in permissions.staff_members()]
    return render_template("staff/permissions.html", members=members, labels=permissions.PERMISSIONS)


@bp.post("/hak-akses/<int:user_id>")
@staff_required
def save_permissions(user_id: int):
    _admin_only()
    if user_id > MAX_ID:
        abort(404)
    target = db.session.get(User, user_id) or abort(404)
    wanted = {name for name in request.form.getlist("permission") if name in permissions.PERMISSIONS}
    try:
        changed = permissions.set_permissions(target, wanted, seen=request.form.get("seen", ""),
                                              actor=current_user._get_current_object())
    except permissions.NotStaff:
        abort(404)
    except permissions.OwnAdmin:
        flash(_("You cannot take away your own admin permission. Ask another admin."), "error")
        return redirect(url_for(".staff_permissions")), 303
    except permissions.ChangedMeanwhile:
        db.session.rollback()
        flash(_("Someone changed %(name)s's permissions meanwhile. Check them and save again.",
                name=target.name), "error")
        return redirect(url_for(".staff_permissions")), 303
    db.session.commit()
    if changed:
        flash(_("Permissions of %(name)s are saved.", name=target.name), "success")
    return redirect(url_for(".staff_permissions"))
