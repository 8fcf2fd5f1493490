"""Forms of the payout and bank account pages."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length, NumberRange, Regexp

from storefront.web.fields import IntegerField


class PayoutForm(FlaskForm):
    amount = IntegerField(_l("Amount sent (Rp)"),
                          validators=[DataRequired(_l("Write the amount in rupiah.")),
                                      NumberRange(min=1, message=_l("Write an amount above zero."))])
    bank_reference = StringField(_l("Bank reference"),
                                 validators=[DataRequired(_l("Copy the reference from the bank slip.")),
                                             Length(max=120)])


class BankAccountForm(FlaskForm):
    bank_name = StringField(_l("Bank"), validators=[DataRequired(_l("Write the bank's name.")),
                                                    Length(max=80)])
    holder_name = StringField(_l("Name on the account"),
                              validators=[DataRequired(_l("Write the name on the account.")),
                                          Length(max=120)])
    number = StringField(_l("Account number"), validators=[
        DataRequired(_l("Write the account number.")),
        Regexp(r"^[0-9 .-]{6,30}$", message=_l("Write only the digits of the account number."))])
