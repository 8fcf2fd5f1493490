"""/penjual/notifikasi: the messages a seller has received, newest first."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, render_template
from flask_login import current_user

from storefront import clock
from storefront.extensions import db
from storefront.notifications.models import Notification
from storefront.web.access import seller_required

bp = Blueprint("notifications", __name__, url_prefix="/penjual/notifikasi")

#: How many messages the list shows.
LIMIT = 100


@bp.get("/")
@seller_required
def index():
    notes = list(db.session.scalars(
        sa.select(Notification).where(Notification.user_id == current_user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc()).limit(LIMIT)))
    unread = {note.id for note in notes if note.read_at is None}
    db.session.execute(sa.update(Notification)
                       .where(Notification.user_id == current_user.id,
                              Notification.read_at.is_(None))
                       .values(read_at=clock.now()))
    db.session.commit()
    return render_template("notifications/index.html", notes=notes, unread=unread)
