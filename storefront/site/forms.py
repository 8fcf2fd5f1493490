from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField

from storefront.i18n import LANGUAGE_NAMES


class LanguageForm(FlaskForm):
    #: the language to switch to
    lang = SelectField(choices=list(LANGUAGE_NAMES))
    #: the page to return to (a path on this site)
    next = HiddenField()
