"""What a person reads when a review rule says no, and the rating choices."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from storefront.domain import reviews as rules

#: The words beside each number of stars on the review form.
RATING_WORDS = {
    5: _l("Very happy"),
    4: _l("Happy"),
    3: _l("It was all right"),
    2: _l("Not happy"),
    1: _l("Very disappointed"),
}

_MESSAGES = {
    rules.RatingOutOfRange: _l("Choose from 1 to 5 stars."),
    rules.TextTooLong: _l("Your text is too long. Please shorten it to at most %(n)s characters."),
    rules.MarkupInText: _l("Please write plain words only, without HTML or script code "
                           "(signs like < and > followed by letters)."),
    rules.TextRequired: _l("Please write something first."),
    rules.PurchaseNotCompleted: _l("You can review a product once the seller has handed over "
                                   "your order."),
    rules.AlreadyReviewed: _l("You have already reviewed this product from this order. "
                              "Thank you!"),
    rules.AlreadyReplied: _l("You have already replied to this review. "
                             "A review gets one reply."),
}


def refusal_message(error: rules.ReviewRefused, limit: int = rules.MAX_TEXT) -> str:
    for kind, message in _MESSAGES.items():
        if isinstance(error, kind):
            return str(message) % {"n": f"{limit:,}".replace(",", ".")}
    return str(_l("This could not be saved. Please check it and try again."))
