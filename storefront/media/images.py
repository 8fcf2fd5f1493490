"""Turn an uploaded photo into a few small WebP files.

The upload is judged by decoding it with Pillow, never by its name.  EXIF
orientation is applied, then all metadata (GPS included) is dropped, because
WebP files are written without it.  The original is not kept.
"""
from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps
from pillow_heif import register_heif_opener

# HEIC, the default of iPhones and many Android phones, opens like any other photo
register_heif_opener()

#: Largest upload accepted, in bytes.
MAX_BYTES = 10 * 1024 * 1024
#: Widest or tallest image accepted, in pixels.
MAX_SIDE = 12_000
#: Pixel count above which Pillow's decompression-bomb guard refuses.
Image.MAX_IMAGE_PIXELS = 50_000_000
#: Decoders we accept; SVG and everything else is refused.
ALLOWED_FORMATS = frozenset({"JPEG", "PNG", "WEBP", "HEIF", "MPO"})
#: Name → longest side in pixels, smallest first.
SIZES: dict[str, int] = {"thumb": 240, "card": 480, "full": 1280}
#: WebP quality: small files that still look good on a phone.
QUALITY = 72


class InvalidImage(ValueError):
    """An upload that is not a photo we can use."""

    def __init__(self, code: str):
        super().__init__(code)
        #: "too_big", "not_image", "bomb", "too_wide", "format"
        self.code = code


@dataclass(frozen=True)
class Rendition:
    """One resized WebP file."""

    size: str
    data: bytes
    width: int
    height: int


def _looks_like_svg(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<") and b"<svg" in data[:4096].lower()


def _open(data: bytes) -> Image.Image:
    if len(data) > MAX_BYTES:
        raise InvalidImage("too_big")
    if _looks_like_svg(data):  # named apart so she learns drawings are not accepted
        raise InvalidImage("format")
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
            if image.format not in ALLOWED_FORMATS:
                raise InvalidImage("format")
            if max(image.size) > MAX_SIDE:
                raise InvalidImage("too_wide")
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise InvalidImage("bomb") from exc
        except InvalidImage:
            raise
        except Exception as exc:  # Pillow raises many types for corrupt data
            raise InvalidImage("not_image") from exc
    return image


def render(data: bytes) -> list[Rendition]:
    """Decode ``data`` and return the WebP renditions, smallest first."""
    image = ImageOps.exif_transpose(_open(data))
    image = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB")
    renditions = []
    for name, side in SIZES.items():
        copy = image.copy()
        copy.thumbnail((side, side), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        copy.save(out, "WEBP", quality=QUALITY, method=4)
        renditions.append(Rendition(name, out.getvalue(), copy.width, copy.height))
    return renditions
