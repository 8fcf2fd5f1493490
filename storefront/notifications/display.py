"""A notice's text for a small screen: each line, with its links turned into short buttons.

``"Terima pesanan: https://…/tap/…"`` becomes the button "Terima pesanan"; a link
without a label before it becomes "Buka tautan". Long words still wrap (CSS).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from flask_babel import gettext as _

URL = re.compile(r"https?://\S+")
#: "label: link" on one line; the label is short.
LABELLED = re.compile(r"\s*([^:\n]{1,40}):\s*(https?://\S+)\s*")


@dataclass(frozen=True)
class Piece:
    text: str
    url: str = ""


def pieces(text: str) -> list[Piece]:
    """Lines of plain text and link buttons, in order."""
    out: list[Piece] = []
    for line in (text or "").splitlines():
        if match := LABELLED.fullmatch(line):
            out.append(Piece(match.group(1).strip(), match.group(2)))
            continue
        plain = URL.sub("", line).strip()
        if plain:
            out.append(Piece(plain))
        out += [Piece(_("Open the link"), url) for url in URL.findall(line)]
    return out
