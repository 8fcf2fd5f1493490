"""A checkout rush: many buyers at once, each through the real pages (product, cart, checkout),
against gunicorn on PostgreSQL. Shared by the rush benchmark and the kill test."""
from __future__ import annotations

import html
import re
import statistics
import threading
import time
from dataclasses import dataclass, field

import requests

_INPUT = re.compile(r"<input\b[^>]*>", re.I)
_ATTR = re.compile(r'(\w[\w-]*)="([^"]*)"')
_TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@dataclass
class RushResult:
    """What the buyers saw."""

    ordered: int = 0
    refused: int = 0
    errors: list[str] = field(default_factory=list)
    latencies_ms: list[float] = field(default_factory=list)
    seconds: float = 0.0

    def p(self, pct: int) -> float:
        if not self.latencies_ms:
            return 0.0
        return statistics.quantiles(self.latencies_ms, n=100)[pct - 1] if len(self.latencies_ms) > 1 \
            else self.latencies_ms[0]


def _form_fields(page: str) -> dict[str, str]:
    """The values a browser would send: text and hidden inputs, and the checked radios."""
    fields = {}
    for tag in _INPUT.findall(page):
        attrs = dict(_ATTR.findall(tag))
        kind = attrs.get("type", "text")
        wanted = kind not in ("submit", "button", "checkbox", "radio") or (
            kind == "radio" and "checked" in tag)
        if "name" in attrs and wanted:
            fields[attrs["name"]] = html.unescape(attrs.get("value", ""))
    return fields


def buy(base: str, product_slug: str, product_id: int, n: int, result: RushResult, lock) -> None:
    """One buyer: product page, add to cart, checkout form, place the order."""
    session = requests.Session()
    try:
        page = session.get(f"{base}/produk/{product_slug}", timeout=30).text
        token = _TOKEN.search(page)  # anonymous pages carry none: they are shared
        session.post(f"{base}/keranjang/tambah", timeout=30,
                     data={"csrf_token": token.group(1) if token else "", "product_id": product_id,
                           "quantity": 1})
        form_page = session.get(f"{base}/pesan/", timeout=30)
        if "/pesan" not in form_page.url:  # the cart was emptied: sold out before checkout
            with lock:
                result.refused += 1
            return
        data = _form_fields(form_page.text)
        data.update(name=f"Pembeli {n}", phone=f"0813{n:08d}", payment_method="cash")
        start = time.perf_counter()
        placed = session.post(f"{base}/pesan/", data=data, timeout=60)
        elapsed = (time.perf_counter() - start) * 1000
        with lock:
            result.latencies_ms.append(elapsed)
            if "/terima-kasih" in placed.url:
                result.ordered += 1
            elif placed.status_code == 200 and ("stok tinggal" in placed.text or "habis" in placed.text):
                result.refused += 1
            else:
                result.errors.append(f"{placed.status_code} {placed.url}")
    except (requests.RequestException, AttributeError) as exc:
        with lock:
            result.errors.append(type(exc).__name__)


def rush(base: str, product_slug: str, product_id: int, buyers: int,
         during=None) -> RushResult:
    """Start ``buyers`` threads at once; ``during()`` runs while they are in flight."""
    result, lock = RushResult(), threading.Lock()
    threads = [threading.Thread(target=buy, args=(base, product_slug, product_id, n, result, lock))
               for n in range(buyers)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    if during is not None:
        during()
    for thread in threads:
        thread.join(timeout=180)
    result.seconds = time.perf_counter() - start
    return result
