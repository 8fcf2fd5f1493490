"""The buyer's review form, the seller's reply form, and the staff's hide form."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField
from wtforms.validators import InputRequired, ValidationError

from storefront.domain import reviews as rules
from storefront.reviews.labels import RATING_WORDS, refusal_message


def _whole_number(value: object) -> int:
    """Coerce the posted rating without ever raising: anything odd becomes 0 (refused)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    try:
        return int(str(value).strip()[:3])
    except (TypeError, ValueError):
        return 0


def _rule(check, limit: int = rules.MAX_TEXT):
    def validate(_form, field) -> None:
        try:
            check(field.data)
        except rules.ReviewRefused as error:
            raise ValidationError(refusal_message(error, limit)) from error

    return validate


class ReviewForm(FlaskForm):
    rating = RadioField(
        _l("How many stars?"), coerce=_whole_number, validate_choice=False,
        choices=[],
        validators=[InputRequired(_l("Choose from 1 to 5 stars.")), _rule(rules.check_rating)])
    text = TextAreaField(_l("Your review (optional)"), validators=[_rule(rules.check_text)],
                         render_kw={"rows": 5, "maxlength": rules.MAX_TEXT})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rating.choices = [(n, f"{rules.stars(n)} {word}") for n, word in RATING_WORDS.items()]


class ReplyForm(FlaskForm):
    reply = TextAreaField(
        _l("Your reply"),
        validators=[InputRequired(_l("Please write something first.")),
                    _rule(lambda text: rules.check_text(text, rules.MAX_REPLY), rules.MAX_REPLY)],
        render_kw={"rows": 3, "maxlength": rules.MAX_REPLY})


class HideForm(FlaskForm):
    reason = TextAreaField(
        _l("Why hide it?"),
        validators=[InputRequired(_l("Please write why, for the audit log.")),
                    _rule(lambda text: rules.check_text(text, 500), 500)],
        render_kw={"rows": 2, "maxlength": 500})
