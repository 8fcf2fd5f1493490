"""Share images drawn locally with Pillow: 1200×630 link previews, 1080×1920 WhatsApp Status."""
from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache

from PIL import Image, ImageDraw, ImageFont, ImageOps

#: Link-preview size used by WhatsApp, Facebook and X (Open Graph).
PREVIEW_SIZE = (1200, 630)
#: Full-screen portrait size of a WhatsApp Status.
STATUS_SIZE = (1080, 1920)
BRAND = (140, 47, 27)
CREAM = (255, 250, 243)
INK = (43, 29, 22)
_FONT_FILES = {
    True: "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    False: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
}


@dataclass(frozen=True)
class CardText:
    """What a share image says."""

    title: str
    price: str = ""
    subtitle: str = ""


@cache
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.truetype(_FONT_FILES[bold], size)
    except OSError:
        return ImageFont.load_default(size=size)


def _wrap(pen: ImageDraw.ImageDraw, text: str, face, width: int, max_lines: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and pen.textlength(trial, font=face) <= width:
            lines[-1] = trial
        elif len(lines) < max_lines:
            lines.append(word)
        else:
            lines[-1] = lines[-1].rstrip(".,") + "…"
            break
    return lines


def _photo(photo: bytes | None, box: tuple[int, int]) -> Image.Image:
    if photo:
        with Image.open(io.BytesIO(photo)) as source:
            return ImageOps.fit(source.convert("RGB"), box, Image.Resampling.LANCZOS)
    return Image.new("RGB", box, (239, 228, 216))


def _write(pen, origin: tuple[int, int], width: int, text: CardText, scale: float) -> None:
    x, y = origin
    title_face = font(int(60 * scale), bold=True)
    for line in _wrap(pen, text.title, title_face, width, 3):
        pen.text((x, y), line, fill=INK, font=title_face)
        y += int(74 * scale)
    if text.price:
        y += int(16 * scale)
        pen.text((x, y), text.price, fill=BRAND, font=font(int(64 * scale), bold=True))
        y += int(90 * scale)
    if text.subtitle:
        for line in _wrap(pen, text.subtitle, font(int(38 * scale)), width, 2):
            pen.text((x, y), line, fill=INK, font=font(int(38 * scale)))
            y += int(50 * scale)


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def preview_card(text: CardText, photo: bytes | None) -> bytes:
    """1200×630 PNG: the photo on the left, name, price and shop on the right."""
    image = Image.new("RGB", PREVIEW_SIZE, CREAM)
    image.paste(_photo(photo, (630, 630)), (0, 0))
    pen = ImageDraw.Draw(image)
    pen.rectangle((630, 0, 1200, 16), fill=BRAND)
    _write(pen, (670, 70), 490, text, scale=1.0)
    pen.text((670, 560), "Pasar Ibu", fill=BRAND, font=font(40, bold=True))
    return _png(image)


def status_card(text: CardText, photo: bytes | None) -> bytes:
    """1080×1920 PNG for a WhatsApp Status: the photo on top, the words below."""
    image = Image.new("RGB", STATUS_SIZE, CREAM)
    image.paste(_photo(photo, (1080, 1080)), (0, 0))
    pen = ImageDraw.Draw(image)
    _write(pen, (70, 1150), 940, text, scale=1.3)
    pen.rectangle((0, 1800, 1080, 1920), fill=BRAND)
    pen.text((70, 1825), "Pasar Ibu", fill=CREAM, font=font(56, bold=True))
    return _png(image)
