from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional, ValidationError

from storefront.accounts.services import MIN_PASSWORD
from storefront.domain.passwords import is_common
from storefront.domain.phone import InvalidPhone, normalise_phone
from storefront.web import inputs

#: What every phone field says when the number cannot be read.
PHONE_ERROR = _l("This phone number does not look right. Write it like 0812 3456 7890.")


def valid_phone(_form, field) -> None:
    """WTForms validator: an Indonesian number in any usual form (empty is left to others)."""
    if field.data:
        try:
            normalise_phone(field.data)
        except InvalidPhone as exc:
            raise ValidationError(str(PHONE_ERROR)) from exc


def not_common(_form, field) -> None:
    """WTForms validator: refuse the passwords people guess first."""
    if field.data and is_common(field.data):
        raise ValidationError(str(_l("This password is too easy to guess. Choose another one, "
                                     "for example three words you will remember.")))


def _new_password():
    return PasswordField(_l("New password"), validators=[
        DataRequired(_l("Choose a password.")),
        Length(min=MIN_PASSWORD, max=200,
               message=_l("Use at least %(n)s characters.", n=MIN_PASSWORD)),
        not_common])


def _confirm():
    return PasswordField(_l("Type the new password again"), validators=[
        DataRequired(_l("Type the password a second time.")),
        EqualTo("password", _l("The two passwords are not the same. Type them again."))])


class LoginForm(FlaskForm):
    #: phone number (any usual form) or e-mail
    login = StringField(_l("Phone number or e-mail"),
                        validators=[DataRequired(_l("Enter your phone number or e-mail.")),
                                    Length(max=254)], render_kw=inputs.LOGIN)
    password = PasswordField(_l("Password"),
                             validators=[DataRequired(_l("Enter your password.")), Length(max=200)])
    remember = BooleanField(_l("Keep me logged in on this phone"))

    def validate_login(self, field) -> None:
        if "@" not in (field.data or ""):
            valid_phone(self, field)


class RegisterForm(FlaskForm):
    name = StringField(_l("Your name"), validators=[
        DataRequired(_l("Write your name.")), Length(max=120)], render_kw=inputs.OWN_NAME)
    phone = StringField(_l("Phone number"), validators=[Optional(), Length(max=30), valid_phone],
                        render_kw=inputs.OWN_PHONE)
    email = EmailField(_l("E-mail (optional)"), validators=[
        Optional(), Length(max=254), Email(_l("This e-mail address does not look right."))])
    password = _new_password()
    confirm = _confirm()

    def validate_phone(self, field) -> None:
        if not field.data and not self.email.data:
            raise ValidationError(str(_l("Give a phone number or an e-mail, so you can log in.")))


class SetPasswordForm(FlaskForm):
    password = _new_password()
    confirm = _confirm()


class ChangePasswordForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[
        DataRequired(_l("Enter your current password.")), Length(max=200)])
    password = _new_password()
    confirm = _confirm()
