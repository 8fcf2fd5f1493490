"""Composing a hamper (staff) and buying one (anyone)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from storefront.checkout.forms import CheckoutForm
from storefront.web.fields import IntegerField, RupiahField

#: Rows offered for components on the staff form.
COMPONENT_ROWS = 5


class HamperForm(FlaskForm):
    name = StringField(_l("Hamper name"), validators=[
        DataRequired(_l("Please write the hamper's name.")), Length(max=120)])
    description = TextAreaField(_l("What is inside"), validators=[Length(max=2000)])
    price = RupiahField(_l("Price in rupiah"), validators=[
        NumberRange(min=1, max=100_000_000, message=_l("Write a price between 1 and 100,000,000."))],
        messages={"empty": _l("Please write the price in whole rupiah.")})
    point_id = SelectField(_l("Assembled and picked up at"), coerce=int, validators=[
        DataRequired(_l("Choose the pickup point where it is put together."))])


class BuyHamperForm(CheckoutForm):
    #: hampers are paid in cash when they are collected at the pickup point
    payment_method = None
    quantity = IntegerField(_l("How many hampers"), default=1, validators=[
        DataRequired(_l("Please write how many.")),
        NumberRange(min=1, max=99, message=_l("Choose between 1 and 99."))])
    wanted_date = DateField(_l("Ready on"), validators=[Optional()])
    gift_note = TextAreaField(_l("Greeting for the card (optional)"), validators=[Length(max=300)])
    price_seen = IntegerField(validators=[Optional()])
