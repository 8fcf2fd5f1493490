"""The seller's forms: her shop profile, a product (food or craft), and stock."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, MultipleFileField
from wtforms import BooleanField, DateField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from storefront.accounts.forms import valid_phone
from storefront.catalog.models import CategoryKind, HalalStatus
from storefront.domain.areas import ALL_AREAS
from storefront.domain.money import (
    MAX_PRICE,
    MIN_PRICE,
    InvalidPrice,
    format_rupiah,
    validate_price,
)
from storefront.shops.models import ContactChoice
from storefront.web import inputs
from storefront.web.fields import IntegerField, RupiahField

#: What the seller reads for each ``InvalidPrice.code``.
PRICE_ERRORS = {
    "empty": _l("Write the price, for example 25.000."),
    "format": _l("Write the price in rupiah with numbers only, for example 25.000. "
                 "Rupiah have no cents."),
    "too_low": _l("The price is too low: the lowest price is %(min)s.", min=format_rupiah(MIN_PRICE)),
    "too_high": _l("The price is too high: the highest price is %(max)s. Check the number of zeros.",
                   max=format_rupiah(MAX_PRICE)),
}

#: What the seller reads for each halal status, in the form.
HALAL_CHOICES = [
    SelectChoice(HalalStatus.CERTIFIED.value, _l("Halal certified")),
    SelectChoice(HalalStatus.NO_PORK.value, _l("No pork, not certified")),
    SelectChoice(HalalStatus.CONTAINS_PORK.value, _l("Contains pork")),
    SelectChoice(HalalStatus.UNKNOWN.value, _l("I do not want to say")),
]

_IMAGE = {"accept": "image/*"}


class ProfileForm(FlaskForm):
    name = StringField(_l("Shop name"), validators=[
        DataRequired(_l("Write your shop's name.")), Length(max=120)])
    story = TextAreaField(_l("Your story"), validators=[Optional(), Length(max=3000)])
    photo = FileField(_l("Shop photo"), render_kw=_IMAGE)
    area = SelectField(_l("Area"), choices=list(ALL_AREAS))
    #: how buyers may contact her, by her choice (her login number is never shown by itself)
    contact = RadioField(_l("Can buyers contact you on WhatsApp?"), choices=[
        (ContactChoice.HIDDEN.value, _l("No contact on my shop page")),
        (ContactChoice.OWN.value, _l("Show the public WhatsApp number below")),
        (ContactChoice.PROGRAMME.value, _l("Show the programme's number, which passes questions on"))],
                         default=ContactChoice.HIDDEN.value)
    whatsapp = StringField(_l("Public WhatsApp number"), validators=[Optional(), Length(max=30), valid_phone],
                           render_kw=inputs.OWN_PHONE)
    pickup_address = TextAreaField(_l("Pickup address (private)"), validators=[
        Optional(), Length(max=500)], render_kw=inputs.OWN_ADDRESS)
    on_holiday = BooleanField(_l("I am on holiday: pause new orders"))
    holiday_until = DateField(_l("On holiday until (optional)"), validators=[Optional()])


class ProductForm(FlaskForm):
    name = StringField(_l("Product name"), validators=[
        DataRequired(_l("Write the product's name.")), Length(max=120)])
    description = TextAreaField(_l("Description"), validators=[
        DataRequired(_l("Write a few words about it: what it is, how big, how it is made.")),
        Length(max=3000)])
    price = RupiahField(_l("Price (Rp)"), messages=PRICE_ERRORS)
    made_to_order = BooleanField(_l("Made to order (no stock, I make it after the order)"))
    stock = IntegerField(_l("Stock ready to sell"), validators=[Optional(), NumberRange(
        min=0, max=9999, message=_l("Stock must be between 0 and 9999."))],
        render_kw={"inputmode": "numeric"})
    lead_days = IntegerField(_l("Days needed to make it"), validators=[Optional(), NumberRange(
        min=1, max=60, message=_l("Write between 1 and 60 days."))], render_kw={"inputmode": "numeric"})
    daily_capacity = IntegerField(_l("How many you can make in one day"), validators=[
        Optional(), NumberRange(min=1, max=500, message=_l("Write between 1 and 500."))],
        render_kw={"inputmode": "numeric"})
    photos = MultipleFileField(_l("Photos (up to 5)"), render_kw=_IMAGE)

    #: the parsed price, once validated
    rupiah: int | None = None

    def validate_price(self, field) -> None:
        try:
            self.rupiah = validate_price(field.data)
        except InvalidPrice as exc:
            raise ValidationError(str(PRICE_ERRORS[exc.code])) from exc

    def validate(self, extra_validators=None) -> bool:
        """Stock, or lead days and daily capacity, depending on made to order.

        Checked here because ``Optional()`` stops a field's own validators when it is empty.
        """
        ok = super().validate(extra_validators)
        if self.made_to_order.data:
            needed = [(self.lead_days, _l("Write how many days you need to make it.")),
                      (self.daily_capacity, _l("Write how many you can make in one day."))]
        else:
            needed = [(self.stock, _l("Write how many are ready to sell (0 if none)."))]
        for field, message in needed:
            if field.data is None and not field.errors:
                field.errors = [*field.errors, str(message)]
                ok = False
        return ok

    def values(self) -> dict:
        data = {name: field.data for name, field in self._fields.items()
                if name not in ("csrf_token", "photos", "price")}
        data["price"] = self.rupiah
        return data


class FoodProductForm(ProductForm):
    pirt_number = StringField(_l("PIRT number"), validators=[Optional(), Length(max=40)])
    pirt_in_process = BooleanField(_l("My PIRT application is in process"))
    halal_status = SelectField(_l("Halal"), choices=HALAL_CHOICES, default=HalalStatus.UNKNOWN.value)
    shelf_life_days = IntegerField(_l("Keeps for how many days"), validators=[
        Optional(), NumberRange(min=1, max=730, message=_l("Write between 1 and 730 days."))],
        render_kw={"inputmode": "numeric"})
    allergens = StringField(_l("Allergens"), validators=[Optional(), Length(max=200)])


class CraftProductForm(ProductForm):
    material = StringField(_l("Material"), validators=[Optional(), Length(max=200)])
    size = StringField(_l("Size"), validators=[Optional(), Length(max=100)])


def product_form(kind: CategoryKind, **kwargs) -> ProductForm:
    """The form that asks only what this kind of product needs."""
    cls = FoodProductForm if kind == CategoryKind.FOOD else CraftProductForm
    return cls(**kwargs)


class StockForm(FlaskForm):
    stock = IntegerField(_l("Stock"), validators=[Optional(), NumberRange(
        min=0, max=9999, message=_l("Stock must be between 0 and 9999."))])
    #: "+1" / "-1" buttons send a step instead of a number
    step = IntegerField(validators=[Optional(), NumberRange(min=-1, max=1)])


class MoveForm(FlaskForm):
    step = IntegerField(validators=[DataRequired(), NumberRange(min=-1, max=1)])
