"""Where media files live. Local folder now; object storage can replace it later."""
from __future__ import annotations

import secrets
from pathlib import Path
from typing import Protocol

from flask import current_app

from storefront.media.images import Rendition, render


class Storage(Protocol):
    """What the app needs from a media store."""

    def put(self, name: str, data: bytes, content_type: str) -> None: ...
    def delete(self, name: str) -> None: ...
    def exists(self, name: str) -> bool: ...
    def read(self, name: str) -> bytes | None: ...


class LocalStorage:
    """Files in a folder (``instance/media`` by default), served by the app."""

    def __init__(self, root: str):
        self.root = Path(root)

    def _path(self, name: str) -> Path:
        path = (self.root / name).resolve()
        if self.root.resolve() not in path.parents:
            raise ValueError("media name escapes the media root")
        return path

    def put(self, name: str, data: bytes, content_type: str) -> None:  # noqa: ARG002 - local files need no type
        path = self._path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)

    def delete(self, name: str) -> None:
        self._path(name).unlink(missing_ok=True)

    def exists(self, name: str) -> bool:
        return self._path(name).is_file()

    def read(self, name: str) -> bytes | None:
        path = self._path(name)
        return path.read_bytes() if path.is_file() else None


def storage() -> Storage:
    """The app's configured media store."""
    return LocalStorage(current_app.config["MEDIA_ROOT"])


def file_name(key: str, size: str) -> str:
    return f"{key}-{size}.webp"


def save_photo(data: bytes, folder: str) -> tuple[str, Rendition]:
    """Render an upload and store every size; return its key and the full rendition.

    Raises ``InvalidImage`` before anything is stored.
    """
    return store_renditions(render(data), folder)


def store_renditions(renditions: list[Rendition], folder: str) -> tuple[str, Rendition]:
    """Store already-rendered sizes under a new unguessable key."""
    key = f"{folder}/{secrets.token_urlsafe(12)}"
    store = storage()
    for rendition in renditions:
        store.put(file_name(key, rendition.size), rendition.data, "image/webp")
    return key, renditions[-1]


def delete_photo(key: str) -> None:
    store = storage()
    for size in ("thumb", "card", "full"):
        store.delete(file_name(key, size))
