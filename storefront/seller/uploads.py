"""Reading photo uploads from a form: every file is decoded before anything is stored."""
from __future__ import annotations

from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage

from storefront.media.images import MAX_BYTES, InvalidImage, Rendition, render


class PhotoRefused(ValueError):
    """An upload that cannot be used; ``message`` says why, in her language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def image_error(code: str) -> str:
    """What she reads for each ``InvalidImage.code``."""
    return {
        "too_big": _("This photo is larger than 10 MB. Choose a smaller photo, "
                     "or take it again with a lower camera quality."),
        "not_image": _("This file is not a photo we can open. Choose a JPEG, PNG, WebP or HEIC photo."),
        "bomb": _("This picture is far too large in pixels to be safe. Choose a normal photo."),
        "too_wide": _("This picture is too wide or too tall (more than 12,000 pixels). "
                      "Crop it or choose another photo."),
        "too_many_pixels": _("This photo has more than 40 megapixels, too many to handle safely. "
                     "Choose a smaller photo, or take it again with a lower camera resolution."),
        "format": _("This kind of file is not accepted (for example SVG drawings). "
                    "Choose a JPEG, PNG, WebP or HEIC photo."),
    }.get(code, _("This file is not a photo we can open. Choose a JPEG, PNG, WebP or HEIC photo."))


def chosen(files: list[FileStorage] | FileStorage | None) -> list[FileStorage]:
    """The files she actually picked (browsers send an empty part when none)."""
    if files is None:
        return []
    if isinstance(files, FileStorage):
        files = [files]
    return [f for f in files if isinstance(f, FileStorage) and f.filename]


def render_uploads(files: list[FileStorage]) -> list[list[Rendition]]:
    """Decode and resize every file, or raise ``PhotoRefused`` for the first bad one."""
    rendered = []
    for upload in files:
        data = upload.stream.read(MAX_BYTES + 1)
        try:
            rendered.append(render(data))
        except InvalidImage as exc:
            name = upload.filename or ""
            raise PhotoRefused(f"{name}: {image_error(exc.code)}" if name else image_error(exc.code)) \
                from exc
    return rendered
