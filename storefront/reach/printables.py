"""Printed materials for the stall: shop posters (A4, A5) and a sheet of product labels.

Made with reportlab; QR codes with segno. Every QR link carries a ?src= tag so
the visits it brings are counted.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import cache

import segno
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

#: Poster sizes offered, by name.
PAGE_SIZES = {"a4": A4, "a5": A5}
BRAND = (140 / 255, 47 / 255, 27 / 255)
_DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
_DEJAVU_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


@cache
def fonts() -> tuple[str, str]:
    """(regular, bold): DejaVu where installed (all of Unicode), else Helvetica."""
    try:
        pdfmetrics.registerFont(TTFont("DejaVu", _DEJAVU))
        pdfmetrics.registerFont(TTFont("DejaVu-Bold", _DEJAVU_BOLD))
    except Exception:  # noqa: BLE001 - reportlab raises TTFError or OSError
        return "Helvetica", "Helvetica-Bold"
    return "DejaVu", "DejaVu-Bold"


@dataclass(frozen=True)
class PosterText:
    """Everything a shop poster says, already in the seller's language."""

    shop_name: str
    url: str
    whatsapp: str = ""
    story_line: str = ""
    call_to_action: str = ""
    whatsapp_label: str = ""
    footer: str = ""


@dataclass(frozen=True)
class LabelText:
    """One product label."""

    name: str
    price: str
    url: str
    food_lines: list[str] = field(default_factory=list)


def qr_image(url: str) -> ImageReader:
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=10, border=2)
    out.seek(0)
    return ImageReader(out)


def _lines(text: str, font: str, size: float, width: float) -> list[str]:
    return simpleSplit(text, font, size, width)


def poster(text: PosterText, size: str = "a4", photo: bytes | None = None) -> bytes:
    """A one-page poster with her shop's name, photo, story line, WhatsApp and a large QR code."""
    regular, bold = fonts()
    width, height = PAGE_SIZES[size]
    k = width / A4[0]  # scale everything for A5
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(width, height))
    canvas.setTitle(text.shop_name)
    margin = 18 * mm * k
    canvas.setFillColorRGB(*BRAND)
    canvas.rect(0, height - 40 * mm * k, width, 40 * mm * k, stroke=0, fill=1)
    canvas.setFillColorRGB(1, 1, 1)
    y = height - 22 * mm * k
    for line in _lines(text.shop_name, bold, 30 * k, width - 2 * margin)[:2]:
        canvas.setFont(bold, 30 * k)
        canvas.drawCentredString(width / 2, y, line)
        y -= 12 * mm * k
    canvas.setFillColorRGB(0.17, 0.11, 0.09)
    y = height - 50 * mm * k
    if photo:
        side = 60 * mm * k
        canvas.drawImage(ImageReader(io.BytesIO(photo)), (width - side) / 2, y - side, side, side,
                         preserveAspectRatio=True, anchor="c")
        y -= side + 8 * mm * k
    if text.story_line:
        canvas.setFont(regular, 13 * k)
        for line in _lines(text.story_line, regular, 13 * k, width - 2 * margin)[:2]:
            canvas.drawCentredString(width / 2, y, line)
            y -= 6 * mm * k
    qr_side = min(100 * mm * k, y - 45 * mm * k)
    canvas.drawImage(qr_image(text.url), (width - qr_side) / 2, y - qr_side - 4 * mm * k,
                     qr_side, qr_side)
    y -= qr_side + 12 * mm * k
    canvas.setFont(bold, 16 * k)
    canvas.drawCentredString(width / 2, y, text.call_to_action)
    if text.whatsapp:
        y -= 9 * mm * k
        canvas.setFont(regular, 14 * k)
        canvas.drawCentredString(width / 2, y, f"{text.whatsapp_label} {text.whatsapp}")
    canvas.setFont(regular, 9 * k)
    canvas.drawCentredString(width / 2, 10 * mm * k, text.footer)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


#: Label grid on A4: 3 columns × 7 rows of 70 × 42 mm (common sticker sheets).
LABEL_COLUMNS, LABEL_ROWS = 3, 7
LABEL_W, LABEL_H = 70 * mm, 42 * mm


def labels(items: list[LabelText]) -> bytes:
    """A4 sheets of product labels: name, price, QR code, and food facts where they apply."""
    regular, bold = fonts()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    top = (A4[1] - LABEL_ROWS * LABEL_H) / 2
    left = (A4[0] - LABEL_COLUMNS * LABEL_W) / 2
    per_page = LABEL_COLUMNS * LABEL_ROWS
    for index, item in enumerate(items):
        if index and index % per_page == 0:
            canvas.showPage()
        slot = index % per_page
        x = left + (slot % LABEL_COLUMNS) * LABEL_W
        y = A4[1] - top - (slot // LABEL_COLUMNS + 1) * LABEL_H
        canvas.setStrokeColorRGB(0.85, 0.8, 0.75)
        canvas.rect(x, y, LABEL_W, LABEL_H, stroke=1, fill=0)
        qr = 30 * mm
        canvas.drawImage(qr_image(item.url), x + LABEL_W - qr - 2 * mm, y + LABEL_H - qr - 2 * mm, qr, qr)
        text_width = LABEL_W - qr - 6 * mm
        ty = y + LABEL_H - 6 * mm
        canvas.setFont(bold, 9)
        for line in _lines(item.name, bold, 9, text_width)[:2]:
            canvas.drawString(x + 3 * mm, ty, line)
            ty -= 4 * mm
        canvas.setFont(bold, 11)
        canvas.setFillColorRGB(*BRAND)
        canvas.drawString(x + 3 * mm, ty - 1 * mm, item.price)
        canvas.setFillColorRGB(0, 0, 0)
        ty -= 6 * mm
        canvas.setFont(regular, 6.5)
        for line in item.food_lines:
            for part in _lines(line, regular, 6.5, LABEL_W - 6 * mm if ty < y + 12 * mm
                               else text_width)[:1]:
                canvas.drawString(x + 3 * mm, ty, part)
                ty -= 3.2 * mm
    canvas.showPage()
    canvas.save()
    return out.getvalue()
