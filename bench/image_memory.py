"""Memory of one worker under hostile photo uploads (`python -m bench image_memory`).

Eight receipts of 7000×7000 pixels (a 143 KB PNG each: 49 megapixels) are posted at once
to /bayar/<token>/bukti, which needs no login; then eight 6000×6000 JPEGs (36 megapixels,
accepted: decoded in draft mode). One process, gthread-like: eight threads. We report the
growth of its resident memory at the peak (VmHWM after clear_refs) and once it is over.
Before the fix: about 440 MB and 2 s per 7000×7000 PNG, 2.4 GB held after eight.
"""
from __future__ import annotations

import io
import tempfile
import threading
import time
from pathlib import Path

from flask_migrate import upgrade
from PIL import Image

from storefront import create_app
from storefront.accounts.models import Role, User
from storefront.extensions import db
from storefront.media.images import limit_malloc_arenas
from storefront.orders.models import Fulfilment, Order, SellerOrder
from storefront.payments import services
from storefront.payments.models import PaymentMethod
from storefront.shops.models import Shop
from tests.support.images import blank_png

UPLOADS = 8
#: the issue's bound on a worker's growth
LIMIT_MB = 300


def _status(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) // 1024
    return 0


def _reset_peak() -> None:
    Path("/proc/self/clear_refs").write_text("5")  # VmHWM := current RSS


def _app(tmp: Path):
    app = create_app({"TESTING": True, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False,
                      "RATELIMIT_ENABLED": False, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/b.db",
                      "MEDIA_ROOT": str(tmp / "media"), "REDIS_URL": "", "CACHE_REDIS_URL": ""})
    with app.app_context():
        upgrade()
    return app


def _payments(app, count: int) -> list[str]:

    tokens = []
    with app.app_context():
        owner = User(name="Mama", role=Role.SELLER, phone="+6281200000001")
        db.session.add(owner)
        db.session.flush()
        shop = Shop(owner_id=owner.id, slug="toko", name="Toko", area="Oebobo")
        db.session.add(shop)
        db.session.flush()
        for n in range(count):
            order = Order(number=f"PI-B-{n}", buyer_name="Ibu", buyer_phone="+6281399990000",
                          payment_method=PaymentMethod.BANK_TRANSFER, total=50_000)
            order.parts.append(SellerOrder(shop_id=shop.id, fulfilment=Fulfilment.PICKUP,
                                           subtotal=50_000, total=50_000))
            db.session.add(order)
            db.session.flush()
            tokens.append(services.start_payment(order.id, 50_000, PaymentMethod.BANK_TRANSFER,
                                                 description="b").token)
        db.session.commit()
    return tokens


def _burst(app, tokens: list[str], data: bytes, name: str) -> tuple[list[int], float]:
    statuses, started = [], time.perf_counter()

    def post(token):
        client = app.test_client()
        reply = client.post(f"/bayar/{token}/bukti", content_type="multipart/form-data",
                            data={"photo": (io.BytesIO(data), name)})
        statuses.append(reply.status_code)

    threads = [threading.Thread(target=post, args=(t,)) for t in tokens]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return statuses, time.perf_counter() - started


def _jpeg(side: int) -> bytes:
    out = io.BytesIO()
    gradient = Image.linear_gradient("L").resize((side, side))
    Image.merge("RGB", (gradient, gradient.rotate(90), gradient)).save(out, "JPEG", quality=85)
    return out.getvalue()


def main() -> None:
    limit_malloc_arenas()  # as gunicorn.conf.py does in each worker
    with tempfile.TemporaryDirectory() as tmp:
        app = _app(Path(tmp))
        tokens = _payments(app, 2 * UPLOADS)
        cases = [("7000x7000 PNG", blank_png(7000, 7000), "struk.png", tokens[:UPLOADS]),
                 ("6000x6000 JPEG", _jpeg(6000), "struk.jpg", tokens[UPLOADS:])]
        worst = 0
        for label, data, name, tokens in cases:
            time.sleep(0.5)
            base = _status("VmRSS")
            _reset_peak()
            statuses, seconds = _burst(app, tokens, data, name)
            peak = _status("VmHWM")
            time.sleep(1)
            after = _status("VmRSS")
            worst = max(worst, peak - base)
            print(f"{UPLOADS} × {label} ({len(data) // 1024} KB) at once: answers "
                  f"{sorted(set(statuses))}, {seconds:.2f} s; RSS {base} MB before, "
                  f"peak +{peak - base} MB, after +{after - base} MB", flush=True)
        verdict = "OK" if worst < LIMIT_MB else "OVER"
        print(f"largest growth of the worker: {worst} MB (limit {LIMIT_MB} MB): {verdict}")


if __name__ == "__main__":
    main()
