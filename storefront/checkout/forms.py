"""Who is buying, and where it goes."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from storefront.domain.phone import InvalidPhone, normalise_phone
from storefront.web import inputs


class CheckoutForm(FlaskForm):
    name = StringField(_l("Your name"), validators=[
        DataRequired(_l("Please write your name.")), Length(max=120)], render_kw=inputs.OWN_NAME)
    phone = StringField(_l("WhatsApp or phone number"), validators=[
        DataRequired(_l("Please write your WhatsApp or phone number."))], render_kw=inputs.OWN_PHONE)
    email = EmailField(_l("E-mail (optional)"), validators=[
        Optional(), Email(_l("This e-mail address does not look right.")), Length(max=254)])
    address = TextAreaField(_l("Delivery address"), validators=[Length(max=500)],
                            render_kw=inputs.OWN_ADDRESS)
    #: she asks for status messages about this order on WhatsApp
    whatsapp_updates = BooleanField(_l("Send me messages about this order on WhatsApp"))
    #: choices are the methods staff enabled (set by the view)
    payment_method = RadioField(_l("How do you pay?"), choices=[], validate_choice=True,
                                validators=[DataRequired(_l("Choose how you pay."))])
    #: the bank of the virtual account, and the e-wallet (choices set by the view)
    va_bank = SelectField(_l("Bank"), choices=[], validate_choice=False)
    ewallet = SelectField(_l("E-wallet"), choices=[], validate_choice=False)

    def validate_phone(self, field):
        try:
            field.data = normalise_phone(field.data)
        except InvalidPhone:
            raise ValidationError(
                _l("This number does not look right. Write it like 0812 3456 7890.")) from None
