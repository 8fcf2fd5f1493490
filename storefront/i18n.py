"""Language choice: the visitor's switch, then Accept-Language, then Indonesian."""
from __future__ import annotations

from flask import current_app, has_request_context, request

#: Cookie that keeps the visitor's language switch.
LANG_COOKIE = "lang"
#: Languages offered, by code, named in their own language.
LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}


def select_locale() -> str:
    """Outside a request (commands, queued jobs) messages are written in Indonesian."""
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    languages = current_app.config["LANGUAGES"]
    chosen = request.cookies.get(LANG_COOKIE)
    if chosen in languages:
        return chosen
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]
