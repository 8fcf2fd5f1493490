"""Words of the filter form: sorts, kinds, and notes about values that were dropped."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

SORT_LABELS = {
    "relevan": _l("Most relevant"),
    "terbaru": _l("Newest"),
    "termurah": _l("Cheapest"),
    "termahal": _l("Most expensive"),
    "terlaris": _l("Best selling"),
}

KIND_LABELS = {"pangan": _l("Food"), "kerajinan": _l("Crafts")}

#: A short note for each parameter whose value was dropped.
IGNORED_NOTES = {
    "kategori": _l("That category does not exist, so all categories are shown."),
    "harga_min": _l("The lowest price was not a rupiah amount and was left out."),
    "harga_max": _l("The highest price was not a rupiah amount and was left out."),
    "harga_swap": _l("The lowest price was above the highest, so they were swapped."),
    "halal": _l("The halal filter was not understood and was left out."),
    "tersedia": _l("The “available now” filter was not understood and was left out."),
    "siap_sebelum": _l("The “ready by” date was not a date from today on, so it was left out."),
    "wilayah": _l("That area is not known, so all areas are shown."),
    "jenis": _l("That kind is not known, so food and crafts are shown."),
    "urut": _l("That sort order is not known, so the usual order is used."),
}

#: What each "hapus filter" link removes.
FILTER_LABELS = {
    "kategori": _l("Category"),
    "harga_min": _l("From"),
    "harga_max": _l("Up to"),
    "halal": _l("Halal certified"),
    "tersedia": _l("Available now"),
    "siap_sebelum": _l("Ready by"),
    "wilayah": _l("Area"),
    "jenis": _l("Kind"),
}
