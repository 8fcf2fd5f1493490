"""A browser's part in sending a form, for tests over the production config.

It reads the forms of a page as a browser would, fills them with what the page holds,
and sends the Referer a browser would send under the page's ``Referrer-Policy``.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from PIL import Image

#: What a browser uses when a page sends no Referrer-Policy (Chromium, Firefox, Safari).
DEFAULT_POLICY = "strict-origin-when-cross-origin"


@dataclass
class Form:
    """One ``<form method="post">`` of a page: where it posts and what it sends."""

    action: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    #: a submit button's own name and value (sent only when it is the one pressed)
    buttons: list[tuple[str, str]] = field(default_factory=list)


class _FormParser(HTMLParser):
    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url, self.forms, self._form = page_url, [], None
        self._select: str | None = None
        self._select_value: str | None = None
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            if (a.get("method") or "get").lower() == "post":
                self._form = Form(action=urljoin(self.page_url, a.get("action") or self.page_url))
            return
        form = self._form
        if form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind == "file":
                form.files.append(name)
            elif kind in ("submit", "image"):
                form.buttons.append((name, a.get("value") or ""))
            elif kind in ("checkbox", "radio"):
                if "checked" in a:
                    form.fields.append((name, a.get("value") or "on"))
            elif kind != "button" and "disabled" not in a:
                form.fields.append((name, a.get("value") or ""))
        elif tag == "button" and name and (a.get("type") or "submit") == "submit":
            form.buttons.append((name, a.get("value") or ""))
        elif tag == "select" and name:
            self._select, self._select_value = name, None
        elif tag == "option" and self._select is not None:
            if self._select_value is None or "selected" in a:
                self._select_value = a.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""

    def handle_data(self, data):
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag):
        if self._form is None:
            return
        if tag == "select" and self._select is not None:
            self._form.fields.append((self._select, self._select_value or ""))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self._form.fields.append((self._textarea, self._text))
            self._textarea = None
        elif tag == "form":
            self.forms.append(self._form)
            self._form = None


def post_forms(html: str, page_url: str) -> list[Form]:
    """The POST forms of a page, in the order they appear."""
    parser = _FormParser(page_url)
    parser.feed(html)
    return parser.forms


def links(html: str, page_url: str) -> list[str]:
    """Every ``<a href>`` of a page, as absolute addresses."""
    found: list[str] = []

    class _Links(HTMLParser):
        def handle_starttag(self, tag, attrs):
            href = dict(attrs).get("href")
            if tag == "a" and href:
                found.append(urljoin(page_url, href))

    _Links().feed(html)
    return found


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def referer(page_url: str, policy: str | None, target_url: str) -> str | None:
    """The Referer a browser sends from ``page_url`` to ``target_url`` under ``policy``
    (the last known token of a comma-separated header wins, as in browsers)."""
    known = {"no-referrer", "no-referrer-when-downgrade", "same-origin", "origin",
             "strict-origin", "origin-when-cross-origin", "strict-origin-when-cross-origin",
             "unsafe-url"}
    chosen = DEFAULT_POLICY
    for token in (policy or "").split(","):
        if token.strip().lower() in known:
            chosen = token.strip().lower()
    page = page_url.split("#")[0]
    same = _origin(page) == _origin(target_url)
    downgrade = page.startswith("https:") and not target_url.startswith("https:")
    if chosen == "no-referrer":
        return None
    if chosen == "unsafe-url":
        return page
    if chosen == "same-origin":
        return page if same else None
    if chosen == "origin":
        return _origin(page) + "/"
    if chosen == "strict-origin":
        return None if downgrade else _origin(page) + "/"
    if chosen == "origin-when-cross-origin":
        return page if same else _origin(page) + "/"
    if chosen == "no-referrer-when-downgrade":
        return None if downgrade else page
    # strict-origin-when-cross-origin
    if same:
        return page
    return None if downgrade else _origin(page) + "/"


def small_png() -> bytes:
    """A small real photo for file inputs."""
    out = io.BytesIO()
    Image.new("RGB", (320, 240), (180, 90, 40)).save(out, "PNG")
    return out.getvalue()
