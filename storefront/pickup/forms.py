"""Pickup point details, a seller's points, and the handover code."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import URL, DataRequired, Length, Optional, ValidationError


class PointForm(FlaskForm):
    name = StringField(_l("Name of the place"), validators=[
        DataRequired(_l("Please write the name of the place.")), Length(max=120)])
    address = TextAreaField(_l("Address and landmarks"), validators=[
        DataRequired(_l("Please write the address.")), Length(max=500)])
    opening_hours = StringField(_l("Opening hours"), validators=[
        DataRequired(_l("Please write when it is open, e.g. Mon-Sat 09.00-17.00.")),
        Length(max=200)])
    map_url = StringField(_l("Map link (optional)"), validators=[
        Optional(), Length(max=500), URL(message=_l("This link does not look right."))])
    active = BooleanField(_l("Open for new orders"), default=True)

    def validate_map_url(self, field):
        if field.data and not field.data.strip().lower().startswith("https://"):
            raise ValidationError(_l("Use a secure map link that starts with https://"))


class HandoverForm(FlaskForm):
    code = StringField(_l("The buyer's 6-digit code"), validators=[
        DataRequired(_l("Please type the buyer's code.")), Length(max=20)])
