"""Where sellers live and deliver: the kecamatan of Kota Kupang, then the rest of NTT."""
from __future__ import annotations

#: Kecamatan of Kota Kupang, where sellers may deliver themselves.
KOTA_KUPANG = ("Alak", "Kelapa Lima", "Kota Lama", "Kota Raja", "Maulafa", "Oebobo")

#: Other areas of Nusa Tenggara Timur a seller may live in (pickup only).
NTT_OTHER = (
    "Kabupaten Kupang", "Timor Tengah Selatan", "Timor Tengah Utara", "Belu",
    "Malaka", "Rote Ndao", "Sabu Raijua", "Alor", "Flores Timur", "Sumba Timur",
)

#: Every area, in the order forms list them.
ALL_AREAS = KOTA_KUPANG + NTT_OTHER


def is_known_area(area: str) -> bool:
    return area in ALL_AREAS
