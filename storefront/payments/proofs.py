"""Proof-of-payment photos: decoded and re-encoded like every upload, kept out of /media."""
from __future__ import annotations

from pathlib import Path

from flask import current_app

from storefront.media.images import SIZES, render
from storefront.media.storage import (
    PRIVATE_CACHE,
    Storage,
    configured_store,
    file_name,
    store_renditions,
)


def proof_root() -> Path:
    """The local private folder (``PROOF_ROOT``, else ``proofs`` beside the media folder)."""
    configured = current_app.config.get("PROOF_ROOT")
    return Path(configured) if configured else Path(current_app.config["MEDIA_ROOT"]).parent / "proofs"


def proof_storage() -> Storage:
    """Proofs are shown to staff only: their own folder, or their own bucket prefix
    (``S3_PROOF_PREFIX``), never under /media or ``MEDIA_PUBLIC_URL``."""
    return configured_store(str(proof_root()), current_app.config["S3_PROOF_PREFIX"], PRIVATE_CACHE)


def save_proof(data: bytes) -> str:
    """Validate with Pillow (raises ``InvalidImage`` before storing), keep every size.

    Re-encoding to WebP drops EXIF, GPS included.
    """
    key, _full = store_renditions(render(data), "proofs", proof_storage())
    return key


def delete_proof(key: str) -> None:
    """Remove every size of a proof photo from its store (local folder or bucket)."""
    store = proof_storage()
    for size in SIZES:
        store.delete(file_name(key, size))


def read_proof(key: str, size: str = "full") -> bytes | None:
    """The proof photo's bytes, or None when it is not in the store."""
    return proof_storage().read(file_name(key, size))
