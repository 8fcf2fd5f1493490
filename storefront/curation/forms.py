"""Forms for staff decisions and collections."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from storefront.web.fields import IntegerField


class ApproveForm(FlaskForm):
    #: the product revision the staff member looked at
    revision = IntegerField(widget=HiddenField.widget, validators=[InputRequired()])


class RequestChangesForm(FlaskForm):
    #: the product revision the staff member looked at
    revision = IntegerField(widget=HiddenField.widget, validators=[InputRequired()])
    #: what the seller must change; she reads it as written
    reason = TextAreaField(_l("What should she change?"), validators=[
        DataRequired(_l("Write what the seller should change.")),
        Length(min=5, max=1000, message=_l("Write between 5 and 1000 characters."))])


class SuspendForm(FlaskForm):
    #: why the shop is paused; the seller reads it
    reason = TextAreaField(_l("Reason"), validators=[
        DataRequired(_l("Write why the shop is paused.")),
        Length(min=5, max=1000, message=_l("Write between 5 and 1000 characters."))])


class ReinstateForm(FlaskForm):
    #: a note for the log (optional)
    reason = TextAreaField(_l("Note (optional)"), validators=[Optional(), Length(max=1000)])


class FeatureForm(FlaskForm):
    #: "1" to feature, "0" to stop featuring
    featured = HiddenField(validators=[DataRequired(), Regexp(r"^[01]$")])


class AddToCollectionForm(FlaskForm):
    #: the collection to add the product to
    collection_id = SelectField(_l("Collection"), coerce=int,
                                validators=[DataRequired(_l("Choose a collection."))])


class CollectionForm(FlaskForm):
    name = StringField(_l("Name"), validators=[
        DataRequired(_l("Give the collection a name.")), Length(max=120)])
    slug = StringField(_l("Web address"), validators=[
        Optional(), Length(max=80),
        Regexp(r"^[a-z0-9]+(-[a-z0-9]+)*$",
               message=_l("Use small letters, numbers and dashes, e.g. hadiah-hari-ibu."))])
    banner = TextAreaField(_l("Banner text"), validators=[Optional(), Length(max=300)])
    position = IntegerField(_l("Order on the home page"), default=0, validators=[
        InputRequired(_l("Give a number; smaller comes first.")),
        NumberRange(min=0, max=1000, message=_l("Give a number from 0 to 1000."))])
    starts_on = DateField(_l("First day shown"), validators=[Optional()])
    ends_on = DateField(_l("Last day shown"), validators=[Optional()])

    def validate_ends_on(self, field):
        if field.data and self.starts_on.data and field.data < self.starts_on.data:
            raise ValidationError(_l("The last day cannot be before the first day."))
