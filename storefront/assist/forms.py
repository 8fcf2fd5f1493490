"""Forms to allow a mentor's help, from her dashboard or recorded by staff."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField
from wtforms.validators import DataRequired, InputRequired, NumberRange, ValidationError

from storefront import clock
from storefront.domain.assist import MAX_DAYS, MIN_DAYS
from storefront.web.fields import IntegerField


def _days_field():
    return IntegerField(
        _l("For how many days"), default=14,
        validators=[InputRequired(_l("Write a number of days.")),
                    NumberRange(min=MIN_DAYS, max=MAX_DAYS,
                                message=_l("Choose between 1 and 90 days."))])


class GrantForm(FlaskForm):
    mentor_id = SelectField(_l("Mentor"), coerce=int,
                            validators=[DataRequired(_l("Choose a mentor."))])
    days = _days_field()


class StaffConsentForm(FlaskForm):
    shop_id = SelectField(_l("Seller"), coerce=int,
                          validators=[DataRequired(_l("Choose the seller."))])
    mentor_id = SelectField(_l("Mentor"), coerce=int,
                            validators=[DataRequired(_l("Choose a mentor."))])
    days = _days_field()
    given_on = DateField(_l("Day she said yes"),
                         validators=[DataRequired(_l("Write the day she said yes."))])

    def validate_given_on(self, field):
        if field.data and field.data > clock.today_local():
            raise ValidationError(_l("That day has not come yet."))
