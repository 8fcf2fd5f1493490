"""Media in any S3-compatible object store (AWS S3, MinIO, Cloudflare R2, Wasabi, IDCloudHost).

One bucket (``S3_BUCKET``), one key prefix per kind of file: public media under
``S3_MEDIA_PREFIX``, payment proofs under ``S3_PROOF_PREFIX``.  Credentials come from
boto3's own environment (``AWS_ACCESS_KEY_ID``, ``AWS_SECRET_ACCESS_KEY``, or a role),
never from the app's settings.
"""
from __future__ import annotations

import threading

import boto3
from botocore.client import BaseClient
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from flask import Flask

from storefront.media.storage import StorageError, checked_name

#: Error codes S3 answers for a key that is not there (head_object has no body, only "404").
NOT_FOUND = {"404", "NoSuchKey", "NotFound"}

_client_lock = threading.Lock()


def _client_config(endpoint: str | None) -> Config:
    return Config(
        connect_timeout=3,
        read_timeout=20,
        # three attempts in all unless AWS_MAX_ATTEMPTS says otherwise
        retries={"mode": "standard"},
        # other S3-compatible stores serve buckets reliably only as https://host/<bucket>/<key>
        s3={"addressing_style": "path" if endpoint else "auto"},
        # checksums only where S3 demands them: some compatible stores refuse the newer ones
        request_checksum_calculation="when_required",
        response_checksum_validation="when_required",
    )


def client_for(app: Flask) -> BaseClient:
    """The app's boto3 client, made once and kept on ``app.extensions`` (clients are
    thread-safe; making one per request would cost tens of milliseconds each time)."""
    endpoint = app.config["S3_ENDPOINT_URL"] or None
    region = app.config["S3_REGION"] or None
    clients = app.extensions.setdefault("s3_clients", {})
    settings = (endpoint, region)
    if settings not in clients:
        with _client_lock:
            if settings not in clients:
                session = boto3.session.Session()
                clients[settings] = session.client("s3", endpoint_url=endpoint, region_name=region,
                                                   config=_client_config(endpoint))
    return clients[settings]


def _not_found(error: ClientError) -> bool:
    return error.response.get("Error", {}).get("Code") in NOT_FOUND


class S3Storage:
    """Objects under ``prefix`` in ``bucket``, each stored with the given Cache-Control."""

    def __init__(self, client: BaseClient, bucket: str, prefix: str, cache_control: str):
        self.client = client
        self.bucket = bucket
        self.prefix = prefix
        self.cache_control = cache_control

    @classmethod
    def for_app(cls, app: Flask, prefix: str, cache_control: str) -> S3Storage:
        return cls(client_for(app), app.config["S3_BUCKET"], prefix, cache_control)

    def key(self, name: str) -> str:
        return self.prefix + checked_name(name)

    def _failed(self, action: str, name: str, error: Exception) -> StorageError:
        return StorageError(f"S3 {action} of {self.bucket}/{self.prefix}{name} failed: {error}")

    def _call(self, operation: str, name: str, *, absent_is_none: bool = True, **params):
        """One S3 call on ``name``'s key: its answer, None when the key is not there
        (if ``absent_is_none``), ``StorageError`` on any other failure."""
        try:
            return getattr(self.client, operation)(Bucket=self.bucket, Key=self.key(name), **params)
        except ClientError as exc:
            if absent_is_none and _not_found(exc):
                return None
            raise self._failed(operation, name, exc) from exc
        except BotoCoreError as exc:
            raise self._failed(operation, name, exc) from exc

    def put(self, name: str, data: bytes, content_type: str) -> None:
        self._call("put_object", name, absent_is_none=False, Body=data,
                   ContentType=content_type, CacheControl=self.cache_control)

    def delete(self, name: str) -> None:
        """S3 answers a delete of a missing key with success, so this is idempotent."""
        self._call("delete_object", name)

    def exists(self, name: str) -> bool:
        return self._call("head_object", name) is not None

    def read(self, name: str) -> bytes | None:
        answer = self._call("get_object", name)
        if answer is None:
            return None
        try:
            return answer["Body"].read()
        except BotoCoreError as exc:  # the connection broke while the body was coming
            raise self._failed("get_object", name, exc) from exc
