"""/staf: programme staff's start page."""
from __future__ import annotations

from flask import Blueprint, render_template

from storefront.web.access import staff_required

bp = Blueprint("staff", __name__, url_prefix="/staf")


@bp.get("/")
@staff_required
def home():
    return render_template("staff/home.html")
