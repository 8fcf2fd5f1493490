"""Proof-of-payment photos: decoded and re-encoded like every upload, kept out of /media."""
from __future__ import annotations

import secrets
from pathlib import Path

from flask import current_app

from storefront.media.images import render
from storefront.media.storage import LocalStorage, file_name


def proof_root() -> Path:
    """A private folder (``PROOF_ROOT``, else ``proofs`` beside the media folder):
    proofs are shown to staff only, never under /media."""
    configured = current_app.config.get("PROOF_ROOT")
    return Path(configured) if configured else Path(current_app.config["MEDIA_ROOT"]).parent / "proofs"


def proof_storage() -> LocalStorage:
    return LocalStorage(str(proof_root()))


def save_proof(data: bytes) -> str:
    """Validate with Pillow (raises ``InvalidImage`` before storing), keep every size.

    Re-encoding to WebP drops EXIF, GPS included.
    """
    renditions = render(data)
    key = f"proofs/{secrets.token_urlsafe(12)}"
    store = proof_storage()
    for rendition in renditions:
        store.put(file_name(key, rendition.size), rendition.data, "image/webp")
    return key


def proof_path(key: str, size: str = "full") -> Path:
    return proof_root() / file_name(key, size)
