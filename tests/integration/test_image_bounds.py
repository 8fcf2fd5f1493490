"""Image work is bounded: pixels counted before decoding, JPEG draft decoding, a per-worker
limit on decodes at once (see bench/image_memory.py for the memory figures)."""
import io
import threading
import time

import pytest
from PIL import Image

from storefront.media import images as media
from tests.support import images


def test_over_40_megapixels_is_refused_before_decoding(monkeypatch):
    decoded = []
    monkeypatch.setattr(Image.Image, "load", lambda self: decoded.append(self) or None)
    with pytest.raises(media.InvalidImage) as refused:
        media.render(images.blank_png(6400, 6400))  # 40.96 MP, 4 KB on disk
    assert refused.value.code == "too_many_pixels" and decoded == []


def test_just_under_40_megapixels_is_accepted():
    assert media.render(images.blank_png(6300, 6300))[-1].width == 1280


def test_jpeg_is_decoded_in_draft_mode(monkeypatch):
    out = io.BytesIO()
    Image.new("RGB", (5120, 3840), (90, 40, 20)).save(out, "JPEG")
    sizes = []
    real_load = Image.Image.load

    def load(self):
        result = real_load(self)
        sizes.append(self.size)
        return result

    monkeypatch.setattr(Image.Image, "load", load)
    renditions = media.render(out.getvalue())
    assert sizes and sizes[0][0] <= 2560  # decoded at 1/2 scale or less, not 5120 wide
    assert renditions[-1].width == 1280


def test_one_worker_decodes_at_most_two_images_at_once(monkeypatch):
    busy, peak, lock = [0], [0], threading.Lock()
    real = media._render

    def counting(data):
        with lock:
            busy[0] += 1
            peak[0] = max(peak[0], busy[0])
        time.sleep(0.05)
        try:
            return real(data)
        finally:
            with lock:
                busy[0] -= 1

    monkeypatch.setattr(media, "_render", counting)
    photo = images.photo_jpeg(800, 600)
    threads = [threading.Thread(target=media.render, args=(photo,)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert peak[0] == media.DECODES_AT_ONCE == 2


def test_the_receipt_form_says_why(client, make_order):
    from storefront.extensions import db
    from storefront.payments import services
    from storefront.payments.models import PaymentMethod

    order = make_order(total=50_000)
    payment = services.start_payment(order.id, 50_000, PaymentMethod.BANK_TRANSFER,
                                     description="Pesanan")
    db.session.commit()
    reply = client.post(f"/bayar/{payment.token}/bukti",
                        data={"photo": (io.BytesIO(images.blank_png(7000, 7000)), "struk.png")},
                        content_type="multipart/form-data")
    assert reply.status_code in (200, 400, 422)
    assert "40 megapiksel" in reply.get_data(as_text=True)
