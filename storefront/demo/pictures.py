"""Draw simple product photos locally with Pillow: nothing is downloaded."""
from __future__ import annotations

import hashlib
import io

from PIL import Image, ImageDraw, ImageFont


def _shade(colour: tuple[int, int, int], amount: int) -> tuple[int, int, int]:
    return tuple(max(0, min(255, c + amount)) for c in colour)  # type: ignore[return-value]


def draw(label: str, colour: tuple[int, int, int], size: tuple[int, int] = (900, 900)) -> bytes:
    """A JPEG with soft shapes and the product's name; the same label draws the same picture."""
    seed = hashlib.sha256(label.encode()).digest()
    image = Image.new("RGB", size, _shade(colour, 70))
    pen = ImageDraw.Draw(image)
    w, h = size
    for i in range(6):
        x, y, r = seed[i] * w // 255, seed[i + 6] * h // 255, 80 + seed[i + 12] % 160
        pen.ellipse((x - r, y - r, x + r, y + r), fill=_shade(colour, (i - 3) * 18))
    pen.rounded_rectangle((40, h - 220, w - 40, h - 40), radius=28, fill=(255, 250, 240))
    font = ImageFont.load_default(size=54)
    words, lines = label.split(), [""]
    for word in words:
        trial = f"{lines[-1]} {word}".strip()
        if pen.textlength(trial, font=font) > w - 120 and lines[-1]:
            lines.append(word)
        else:
            lines[-1] = trial
    for n, line in enumerate(lines[:2]):
        pen.text((70, h - 200 + n * 70), line, fill=_shade(colour, -40), font=font)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()
