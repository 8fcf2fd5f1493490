"""Where media files live: a local folder, or an S3-compatible bucket (``MEDIA_STORAGE``).

Every store raises ``StorageError`` when it cannot do its job (disk full, bucket down),
and ``InvalidName`` for a name that could reach outside its folder or prefix.
"""
from __future__ import annotations

import secrets
from pathlib import Path, PurePosixPath
from typing import Protocol

from flask import current_app

from storefront.media.images import Rendition, render

#: Cache-Control for public media: every name is unique, so a copy never goes stale.
PUBLIC_CACHE = "public, max-age=31536000, immutable"
#: Cache-Control for private files (payment proofs): never kept by a browser or a proxy.
PRIVATE_CACHE = "private, no-store"


class StorageError(RuntimeError):
    """The media store could not be reached or refused the operation."""


class InvalidName(ValueError):
    """A media name that is empty, absolute or climbs out with ``..``."""


class Storage(Protocol):
    """What the app needs from a media store."""

    def put(self, name: str, data: bytes, content_type: str) -> None: ...
    def delete(self, name: str) -> None: ...
    def exists(self, name: str) -> bool: ...
    def read(self, name: str) -> bytes | None: ...


def checked_name(name: str) -> str:
    """``name`` if it is a plain relative path (``products/abc-card.webp``), else ``InvalidName``."""
    parts = PurePosixPath(name).parts
    if (not name or "\\" in name or "\x00" in name or name.startswith("/")
            or any(part in ("..", ".") for part in parts) or name != "/".join(parts)):
        raise InvalidName(f"media name not allowed: {name!r}")
    return name


class LocalStorage:
    """Files in a folder (``instance/media`` by default), served by the app."""

    def __init__(self, root: str):
        self.root = Path(root)

    def _path(self, name: str) -> Path:
        path = (self.root / checked_name(name)).resolve()
        if self.root.resolve() not in path.parents:
            raise InvalidName("media name escapes the media root")
        return path

    def put(self, name: str, data: bytes, content_type: str) -> None:  # noqa: ARG002 - local files need no type
        path = self._path(name)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(data)
            tmp.replace(path)
        except OSError as exc:
            raise StorageError(f"cannot write {path}: {exc}") from exc

    def delete(self, name: str) -> None:
        path = self._path(name)
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            raise StorageError(f"cannot delete {path}: {exc}") from exc

    def exists(self, name: str) -> bool:
        return self._path(name).is_file()

    def read(self, name: str) -> bytes | None:
        path = self._path(name)
        try:
            return path.read_bytes()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            return None
        except OSError as exc:
            raise StorageError(f"cannot read {path}: {exc}") from exc


def configured_store(local_root: str, s3_prefix: str, cache_control: str) -> Storage:
    """The store ``MEDIA_STORAGE`` selects: a folder, or a prefix of ``S3_BUCKET``."""
    if current_app.config["MEDIA_STORAGE"] == "s3":
        from storefront.media.s3 import S3Storage  # boto3 is loaded only when S3 is used

        return S3Storage.for_app(current_app, s3_prefix, cache_control)
    return LocalStorage(local_root)


def storage() -> Storage:
    """The app's public media store: product and shop photos, share images."""
    config = current_app.config
    return configured_store(config["MEDIA_ROOT"], config["S3_MEDIA_PREFIX"], PUBLIC_CACHE)


def file_name(key: str, size: str) -> str:
    return f"{key}-{size}.webp"


def save_photo(data: bytes, folder: str) -> tuple[str, Rendition]:
    """Render an upload and store every size; return its key and the full rendition.

    Raises ``InvalidImage`` before anything is stored.
    """
    return store_renditions(render(data), folder)


def store_renditions(renditions: list[Rendition], folder: str,
                     store: Storage | None = None) -> tuple[str, Rendition]:
    """Store already-rendered sizes under a new unguessable key (in the public media store
    unless another is given)."""
    key = f"{folder}/{secrets.token_urlsafe(12)}"
    store = store or storage()
    for rendition in renditions:
        store.put(file_name(key, rendition.size), rendition.data, "image/webp")
    return key, renditions[-1]


def delete_photo(key: str) -> None:
    store = storage()
    for size in ("thumb", "card", "full"):
        store.delete(file_name(key, size))
