"""The seller's e-mail for order messages."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField
from wtforms.validators import DataRequired, Email, Length


class ContactEmailForm(FlaskForm):
    email = EmailField(_l("E-mail address"), filters=[lambda text: (text or "").strip()],
                       validators=[
        DataRequired(_l("Please write your e-mail address.")),
        Email(_l("This e-mail address does not look right.")), Length(max=254)])
