"""Crafted upload files: real photos, a decompression bomb, an SVG, a text file named .jpg."""
from __future__ import annotations

import io
import struct
import zlib

from PIL import Image, ImageDraw, ImageFilter


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def blank_png(width: int, height: int) -> bytes:
    """A valid 1-bit PNG of any size, built row by row: tiny on disk, huge once decoded."""
    row = b"\x00" * (1 + (width + 7) // 8)
    packer = zlib.compressobj(9)
    parts = [packer.compress(row) for _ in range(height)]
    parts.append(packer.flush())
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", b"".join(parts))
            + _chunk(b"IEND", b""))


def bomb_png() -> bytes:
    """11,000 × 11,000 pixels (121 megapixels) in about 20 KB."""
    return blank_png(11_000, 11_000)


def wide_png() -> bytes:
    """20,000 pixels wide."""
    return blank_png(20_000, 200)


SVG = (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">'
       b'<script>alert(1)</script><circle cx="50" cy="50" r="40"/></svg>')

TEXT_AS_JPG = b"This is a shopping list, not a photo.\nbawang, cabai, tomat\n"


def photo_jpeg(width: int = 800, height: int = 600, *, gps: bool = False,
               orientation: int | None = None, colour=(180, 90, 40)) -> bytes:
    """A photo-like JPEG (gradient, shapes, a little grain), optionally with GPS and orientation."""
    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    tint = Image.new("RGB", (width, height), colour)
    image = Image.blend(image, tint, 0.6)
    draw = ImageDraw.Draw(image)
    for i in range(6):
        x, y = width * (i + 1) // 8, height * ((i * 3) % 5 + 1) // 7
        r = min(width, height) // 10
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(40 * i % 255, 120, 200 - 20 * i))
    noise = Image.effect_noise((width, height), 12).convert("RGB")
    image = Image.blend(image, noise, 0.08).filter(ImageFilter.SMOOTH)
    exif = Image.Exif()
    exif[0x010F] = "TestCam"  # Make
    if orientation:
        exif[0x0112] = orientation
    if gps:
        exif[0x8825] = {1: "S", 2: (10.0, 9.0, 36.0), 3: "E", 4: (123.0, 35.0, 24.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, exif=exif)
    return out.getvalue()


def png_bytes(width: int = 300, height: int = 200) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (20, 120, 60)).save(out, "PNG")
    return out.getvalue()


def photo_heic(width: int = 640, height: int = 480) -> bytes:
    """A real HEIC photo, as iPhones save them by default."""
    out = io.BytesIO()
    photo = Image.new("RGB", (width, height), (180, 60, 40))
    ImageDraw.Draw(photo).ellipse((width // 4, height // 4, width // 2, height // 2), fill=(250, 220, 90))
    photo.save(out, format="HEIF", quality=80)
    return out.getvalue()
