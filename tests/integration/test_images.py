"""Acceptance 3 (rendering): a 4000×3000 phone photo becomes small WebP sizes with no EXIF;
crafted bad files are refused before anything is stored."""
import io
import struct

import pytest
from PIL import Image

from storefront.media.images import MAX_BYTES, InvalidImage, render
from tests.support import images


@pytest.mark.parametrize(("data", "code"), [
    (images.bomb_png(), "too_many_pixels"),
    (images.blank_png(7000, 7000), "too_many_pixels"),
    (images.wide_png(), "too_wide"),
    (images.SVG, "format"),
    (images.TEXT_AS_JPG, "not_image"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * (MAX_BYTES + 1), "too_big"),
], ids=["bomb", "7000x7000", "20000-wide", "svg", "text-named-jpg", "over-10-mb"])
def test_bad_files_are_refused_with_a_reason(data, code):
    with pytest.raises(InvalidImage) as refused:
        render(data)
    assert refused.value.code == code


def test_the_bomb_is_small_on_disk_but_huge_decoded():
    data = images.bomb_png()
    assert len(data) < 100_000
    width, height = struct.unpack(">II", data[16:24])  # the PNG header: 121 megapixels
    assert (width, height) == (11_000, 11_000)


@pytest.mark.parametrize("kind", ["photo", "grainy"])
def test_a_4000_by_3000_photo_gives_a_small_card_without_exif(kind):
    if kind == "photo":
        data = images.photo_jpeg(4000, 3000, gps=True, orientation=6)
    else:  # pure grain is the worst case for file size
        noise = Image.effect_noise((4000, 3000), 64).convert("RGB")
        out = io.BytesIO()
        exif = Image.Exif()
        exif[0x8825] = {1: "S", 2: (10.0, 9.0, 36.0), 3: "E", 4: (123.0, 35.0, 24.0)}
        noise.save(out, "JPEG", quality=90, exif=exif)
        data = out.getvalue()
    assert len(data) <= MAX_BYTES
    with Image.open(io.BytesIO(data)) as original:
        assert original.getexif().get_ifd(0x8825)  # the upload does carry GPS
    sizes = {r.size: r for r in render(data)}
    assert set(sizes) == {"thumb", "card", "full"}
    assert len(sizes["card"].data) <= 60 * 1024
    for rendition in sizes.values():
        with Image.open(io.BytesIO(rendition.data)) as out:
            assert out.format == "WEBP"
            assert not out.getexif()
            assert "exif" not in out.info and "xmp" not in out.info
    if kind == "photo":  # orientation 6: the portrait photo is turned upright
        assert (sizes["card"].width, sizes["card"].height) == (360, 480)
        assert (sizes["full"].width, sizes["full"].height) == (960, 1280)


def test_a_heic_photo_is_rendered_to_webp():
    renditions = render(images.photo_heic(1600, 1200))
    assert [(r.size, r.width) for r in renditions][-1] == ("full", 1280)
    assert all(r.data[8:12] == b"WEBP" for r in renditions)
