"""HTTP responses for stored photos: public media long-cached, payment proofs never kept."""
from __future__ import annotations

from flask import Response, request

from storefront.media.storage import PRIVATE_CACHE, PUBLIC_CACHE, InvalidName, storage


def public_photo_response(name: str) -> Response | None:
    """``/media/<name>`` read through the media store; None when the name is not a
    stored photo (or not allowed), so the view answers 404."""
    if not name.endswith(".webp"):
        return None
    try:
        data = storage().read(name)
    except InvalidName:
        return None
    if data is None:
        return None
    response = Response(data, mimetype="image/webp")
    response.headers["Cache-Control"] = PUBLIC_CACHE
    response.add_etag()
    return response.make_conditional(request)


def private_photo_response(data: bytes) -> Response:
    """A private photo (a payment proof) that no browser or proxy may keep."""
    response = Response(data, mimetype="image/webp")
    response.headers["Cache-Control"] = PRIVATE_CACHE
    return response
