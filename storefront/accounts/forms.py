from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, StringField
from wtforms.validators import DataRequired, Length


class LoginForm(FlaskForm):
    #: phone number (any usual form) or e-mail
    login = StringField(_l("Phone number or e-mail"),
                        validators=[DataRequired(_l("Enter your phone number or e-mail.")),
                                    Length(max=254)])
    password = PasswordField(_l("Password"),
                             validators=[DataRequired(_l("Enter your password.")), Length(max=200)])
    remember = BooleanField(_l("Keep me logged in on this phone"))
