"""Language choice: the visitor's switch, then Accept-Language, then Indonesian.

Indonesian comes first. A phone set to English in Indonesia sends ``en-ID``: she still gets
Indonesian. English is served only when she chose it with the switch, or when her browser
asks for English and for no Indonesian language or region at all.
"""
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
    return negotiate([tag for tag, _quality in request.accept_languages], languages,
                     current_app.config["BABEL_DEFAULT_LOCALE"])


def negotiate(tags: list[str], languages: tuple[str, ...], default: str = "id") -> str:
    """The language for these Accept-Language tags (best first): Indonesian whenever any tag
    names the Indonesian language or region; else the first offered language asked for."""
    parts = [tag.lower().replace("_", "-").split("-") for tag in tags if tag and tag != "*"]
    if any(p[0] == "id" or "id" in p[1:] for p in parts):
        return default
    for p in parts:
        if p[0] in languages:
            return p[0]
    return default
