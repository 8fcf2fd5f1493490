"""Cancelling needs a reason the buyer can read."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length


class CancelForm(FlaskForm):
    reason = TextAreaField(_l("Reason for cancelling"), validators=[
        DataRequired(_l("Please write why, so the buyer understands.")), Length(max=500)])
