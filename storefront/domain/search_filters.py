"""The filter form of search and category pages, read from the URL.

Parameter names are fixed (links and feeds use them). A bad value is dropped
and named in ``Filters.ignored``, so the page can say so; nothing here raises.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from storefront.domain.areas import ALL_AREAS
from storefront.domain.money import MAX_PRICE, InvalidPrice, parse_rupiah
from storefront.domain.search_words import CHEAP_WORDS, STOP_WORDS, fold

#: Longest search text we look at; the rest is ignored.
MAX_QUERY_CHARS = 100
#: Most words of a search that count.
MAX_TERMS = 6
#: ``jenis`` values and the category kind each means.
KINDS = {"pangan": "food", "kerajinan": "craft"}
#: ``urut`` values; the default is "relevan" with words and "terbaru" without.
SORTS = ("relevan", "terbaru", "termurah", "termahal", "terlaris")
#: The parameters of the form, in the order "hapus filter" links are shown.
FILTER_PARAMS = ("kategori", "harga_min", "harga_max", "halal", "tersedia", "siap_sebelum",
                 "wilayah", "jenis")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


@dataclass(frozen=True)
class Filters:
    """What the buyer asked for; every field is already valid."""

    #: the search text as typed (cut to MAX_QUERY_CHARS)
    q: str = ""
    #: folded words that must match (stop words and "murah" removed)
    terms: tuple[str, ...] = ()
    #: a category slug (checked against the categories by the caller)
    kategori: str | None = None
    #: lowest price in rupiah
    harga_min: int | None = None
    #: highest price in rupiah
    harga_max: int | None = None
    #: certified halal only
    halal: bool = False
    #: only what can be bought now
    tersedia: bool = False
    #: only what can be ready by this day
    siap_sebelum: date | None = None
    #: the seller's area
    wilayah: str | None = None
    #: "pangan" or "kerajinan"
    jenis: str | None = None
    #: the sort asked for, or None for the default
    urut: str | None = None
    #: the words asked for cheap things ("kain tenun murah")
    cheap: bool = False
    #: parameters whose value was not understood and so dropped
    ignored: tuple[str, ...] = field(default=())

    @property
    def sort(self) -> str:
        if self.urut:
            return self.urut
        if self.cheap:
            return "termurah"
        return "relevan" if self.terms else "terbaru"

    def active(self) -> dict[str, str]:
        """Active filters as URL values, in form order."""
        values = {"kategori": self.kategori, "wilayah": self.wilayah, "jenis": self.jenis,
                  "harga_min": str(self.harga_min) if self.harga_min is not None else None,
                  "harga_max": str(self.harga_max) if self.harga_max is not None else None,
                  "halal": "1" if self.halal else None, "tersedia": "1" if self.tersedia else None,
                  "siap_sebelum": self.siap_sebelum.isoformat() if self.siap_sebelum else None}
        return {name: values[name] for name in FILTER_PARAMS if values[name] is not None}

    def url_args(self, **changes: str | None) -> dict[str, str]:
        """The URL of this search, with some parameters changed (None removes one)."""
        args = {"q": self.q or None, **self.active(), "urut": self.urut}
        args.update(changes)
        return {key: value for key, value in args.items() if value}

    def without(self, name: str) -> Filters:
        return replace(self, **{name: False if name in ("halal", "tersedia") else None})


def search_words(text: str) -> tuple[tuple[str, ...], bool]:
    """The folded words that must match, at most MAX_TERMS, and whether "murah" was asked."""
    terms: list[str] = []
    cheap = False
    for word in fold((text or "")[:MAX_QUERY_CHARS]).split():
        if word in CHEAP_WORDS:
            cheap = True
        elif len(word) >= 2 and word not in STOP_WORDS and word not in terms:
            terms.append(word)
    return tuple(terms[:MAX_TERMS]), cheap


def _rupiah(text: str) -> int:
    """A price bound: "25.000", "25000", "Rp 25.000"; 0 is allowed, negatives are not."""
    try:
        return parse_rupiah(text)
    except InvalidPrice as exc:
        if exc.code == "too_low":
            return _digits(text)
        if exc.code == "too_high":
            return MAX_PRICE
        raise


def _digits(text: str) -> int:
    digits = re.sub(r"[.\s,]", "", re.sub(r"^\s*rp\.?\s*", "", text, flags=re.IGNORECASE))
    if not digits.isascii() or not digits.isdigit():
        raise InvalidPrice("format")
    return int(digits)


def _flag(value: str) -> bool | None:
    return {"1": True, "0": False, "": False}.get(value.strip())


def parse(args: Mapping[str, str], today: date) -> Filters:
    """Read the filter form; anything not understood is dropped and listed in ``ignored``."""
    ignored: list[str] = []
    values: dict = {}
    text = (args.get("q") or "")[:MAX_QUERY_CHARS]
    values["q"] = text
    values["terms"], values["cheap"] = search_words(text)

    slug = (args.get("kategori") or "").strip()
    if slug:
        if re.fullmatch(r"[a-z0-9-]{1,60}", slug, re.ASCII):
            values["kategori"] = slug
        else:
            ignored.append("kategori")
    for name in ("harga_min", "harga_max"):
        raw = (args.get(name) or "").strip()
        if raw:
            try:
                values[name] = _rupiah(raw[:20])
            except InvalidPrice:
                ignored.append(name)
    if values.get("harga_min") is not None and values.get("harga_max") is not None \
            and values["harga_min"] > values["harga_max"]:
        values["harga_min"], values["harga_max"] = values["harga_max"], values["harga_min"]
        ignored.append("harga_swap")
    for name in ("halal", "tersedia"):
        raw = args.get(name)
        if raw is not None:
            flag = _flag(raw[:3])
            if flag is None:
                ignored.append(name)
            else:
                values[name] = flag
    raw = (args.get("siap_sebelum") or "").strip()
    if raw:
        try:
            day = date.fromisoformat(raw) if _DATE.match(raw) else None
        except ValueError:
            day = None
        if day is None or day < today:
            ignored.append("siap_sebelum")
        else:
            values["siap_sebelum"] = day
    area = (args.get("wilayah") or "").strip()
    if area:
        match = next((a for a in ALL_AREAS if fold(a) == fold(area[:60])), None)
        if match:
            values["wilayah"] = match
        else:
            ignored.append("wilayah")
    for name, allowed in (("jenis", KINDS), ("urut", SORTS)):
        raw = (args.get(name) or "").strip()
        if raw:
            if raw in allowed:
                values[name] = raw
            else:
                ignored.append(name)
    return Filters(**values, ignored=tuple(ignored))
