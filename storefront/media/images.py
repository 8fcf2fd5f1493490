"""Turn an uploaded photo into a few small WebP files.

The upload is judged by decoding it with Pillow, never by its name.  EXIF
orientation is applied, then all metadata (GPS included) is dropped, because
WebP files are written without it.  The original is not kept.

Memory is bounded: the pixel count is read from the header and more than 40 megapixels
is refused before anything is decoded; JPEGs are decoded by the library at the smallest
scale that still covers the largest rendition (draft mode); images are shrunk before any
colour conversion; and one worker decodes at most ``DECODES_AT_ONCE`` images at a time.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import io
import threading
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
#: Most pixels accepted (40 megapixels: any phone camera), checked before decoding.
MAX_PIXELS = 40_000_000
#: Pixel count above which Pillow's own decompression-bomb guard refuses (a second wall).
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
#: Images one worker process decodes at the same time; the others wait their turn.
DECODES_AT_ONCE = 2
_decoding = threading.BoundedSemaphore(DECODES_AT_ONCE)
_busy_lock = threading.Lock()
_busy = [0]
#: glibc's malloc_trim, to give freed decode buffers back to the system (None elsewhere)
_LIBC = ctypes.util.find_library("c")
_malloc_trim = getattr(ctypes.CDLL(_LIBC), "malloc_trim", None) if _LIBC else None
#: glibc's mallopt option for the number of malloc arenas
_M_ARENA_MAX = -8


def limit_malloc_arenas(count: int = 2) -> None:
    """Let glibc keep only ``count`` malloc arenas (as MALLOC_ARENA_MAX does), called in each
    gunicorn worker: with one arena per thread, memory freed after a burst of decodes stays
    held by the threads' arenas (bench/image_memory.py: +178 MB held, +18 MB with 2)."""
    mallopt = getattr(ctypes.CDLL(_LIBC), "mallopt", None) if _LIBC else None
    if mallopt is not None:
        mallopt(_M_ARENA_MAX, count)
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
        #: "too_big", "not_image", "bomb", "too_wide", "too_many_pixels", "format"
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
            if image.size[0] * image.size[1] > MAX_PIXELS:
                raise InvalidImage("too_many_pixels")
            if image.format in ("JPEG", "MPO"):
                # decode at 1/2, 1/4 or 1/8 scale when that still covers the largest size
                image.draft("RGB", (max(SIZES.values()), max(SIZES.values())))
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            # Pillow's own guard, on the header too: the same refusal, the same reason
            raise InvalidImage("too_many_pixels") from exc
        except InvalidImage:
            raise
        except Exception as exc:  # Pillow raises many types for corrupt data
            raise InvalidImage("not_image") from exc
    return image


def render(data: bytes) -> list[Rendition]:
    """Decode ``data`` and return the WebP renditions, smallest first."""
    with _decoding:
        with _busy_lock:
            _busy[0] += 1
        try:
            return _render(data)
        finally:
            with _busy_lock:
                _busy[0] -= 1
                last = _busy[0] == 0
            if last and _malloc_trim is not None:
                # the last decode of a burst: hand the freed megabytes back, or glibc keeps
                # them in per-thread arenas and the worker stays large
                _malloc_trim(0)


def _render(data: bytes) -> list[Rendition]:
    image = _open(data)
    largest = max(SIZES.values())
    # shrink first (one pass, in place), then orient and convert the small image
    image.thumbnail((largest, largest), Image.Resampling.LANCZOS, reducing_gap=3.0)
    image = ImageOps.exif_transpose(image)
    image = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P", "PA") else "RGB")
    renditions = []
    for name, side in SIZES.items():
        copy = image.copy()
        copy.thumbnail((side, side), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        copy.save(out, "WEBP", quality=QUALITY, method=4)
        renditions.append(Rendition(name, out.getvalue(), copy.width, copy.height))
    return renditions
