from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectField, StringField
from wtforms.validators import DataRequired, Length

from storefront.accounts.forms import valid_phone
from storefront.domain.areas import ALL_AREAS
from storefront.shops.models import ContactChoice
from storefront.web import inputs


class NewSellerForm(FlaskForm):
    name = StringField(_l("Her name"), validators=[
        DataRequired(_l("Write her name.")), Length(max=120)])
    phone = StringField(_l("Her phone number"), validators=[
        DataRequired(_l("Write her phone number.")), Length(max=30), valid_phone],
        render_kw=inputs.OTHER_PHONE)
    shop_name = StringField(_l("Shop name"), validators=[
        DataRequired(_l("Write a name for her shop.")), Length(max=120)])
    area = SelectField(_l("Area"), choices=list(ALL_AREAS))
    story_public = BooleanField(_l("She agrees that her story may be shown publicly"))
    contact = RadioField(_l("Can buyers contact her on WhatsApp?"), choices=[
        (ContactChoice.HIDDEN.value, _l("No: her number stays private (she can change it later)")),
        (ContactChoice.PROGRAMME.value, _l("Through the programme's number, which passes questions on"))],
        default=ContactChoice.HIDDEN.value)


class NewLinkForm(FlaskForm):
    phone = StringField(_l("Her phone number"), validators=[
        DataRequired(_l("Write her phone number.")), Length(max=30), valid_phone],
        render_kw=inputs.OTHER_PHONE)
