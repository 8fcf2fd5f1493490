"""/staf/sinonim: the words search treats as the same (staff only)."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from storefront.domain.synonyms import InvalidSynonyms
from storefront.extensions import db
from storefront.search import services
from storefront.web.access import staff_required

bp = Blueprint("synonyms", __name__, url_prefix="/staf/sinonim")


class SynonymForm(FlaskForm):
    #: words that mean the same, separated by commas
    words = StringField(_l("Words that mean the same, separated by commas"), validators=[
        DataRequired(_l("Write at least two words.")), Length(max=300)])


class RemoveForm(FlaskForm):
    """Only the CSRF token: the group is in the URL."""


@bp.get("/")
@staff_required
def index(form: SynonymForm | None = None, status: int = 200):
    return render_template("search/synonyms.html", groups=services.groups(),
                           form=form or SynonymForm(), remove_form=RemoveForm()), status


@bp.post("/")
@staff_required
def add():
    form = SynonymForm()
    if not form.validate_on_submit():
        return index(form, 400)
    try:
        services.add_group(current_user, form.words.data)
    except InvalidSynonyms:
        db.session.rollback()
        form.words.errors = [_("Write two to ten different words, separated by commas.")]
        return index(form, 400)
    db.session.commit()
    flash(_("Saved. Search now treats these words as the same."), "info")
    return redirect(url_for("synonyms.index"))


@bp.post("/<int:group_id>/hapus")
@staff_required
def remove(group_id: int):
    if group_id >= 2**31:  # beyond the column's range: no such group
        abort(404)
    if not RemoveForm().validate_on_submit():
        return redirect(url_for("synonyms.index"))
    removed = services.remove_group(current_user, group_id)
    db.session.commit()
    flash(_("Removed.") if removed else _("Already removed."), "info")
    return redirect(url_for("synonyms.index"))
