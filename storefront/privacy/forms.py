from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length


class EraseBuyerForm(FlaskForm):
    #: the buyer's phone number or e-mail, as she gave it
    identifier = StringField(_l("Buyer's phone number or e-mail"), validators=[
        DataRequired(_l("Enter the buyer's phone number or e-mail.")), Length(max=254)])
    #: why (her request, the date she asked)
    reason = TextAreaField(_l("Reason"), validators=[
        DataRequired(_l("Write down her request, for example the date she asked.")),
        Length(max=500)])
    #: staff confirm they understand it cannot be undone
    confirm = BooleanField(_l("I understand this cannot be undone"), validators=[
        DataRequired(_l("Tick the box to confirm."))])
