"""Forms of the payment pages."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange

from storefront.web.fields import IntegerField


class ProofForm(FlaskForm):
    photo = FileField(_l("Photo of your transfer receipt"),
                      validators=[FileRequired(_l("Choose a photo of your receipt first."))])


class RejectForm(FlaskForm):
    reason = TextAreaField(_l("Why is the proof not accepted?"),
                           validators=[DataRequired(_l("Write a short reason for the buyer.")),
                                       Length(max=500)])


class RefundForm(FlaskForm):
    amount = IntegerField(_l("Amount to refund (Rp)"),
                          validators=[DataRequired(_l("Write the amount in rupiah.")),
                                      NumberRange(min=1, message=_l("Write an amount above zero."))])
    reason = StringField(_l("Reason"), validators=[Length(max=200)])
