"""A loopback fake of a browser push service (as FCM or Mozilla's autopush), for pywebpush.

``new_subscription()`` makes what a browser would hand the page: an endpoint on this
fake, and the browser's own P-256 key and auth secret, so the fake can decrypt what it
receives (RFC 8291, aes128gcm) and tests can read it. Every push is recorded with its
headers; ``gone`` answers 410 for an endpoint, as a push service does once the browser
unsubscribed.
"""
from __future__ import annotations

import base64
import itertools
import json
import os
import threading
from dataclasses import dataclass, field

import http_ece
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def vapid_keys() -> tuple[str, str]:
    """(private, public) VAPID keys as the settings take them: raw, base64url."""
    key = ec.generate_private_key(ec.SECP256R1())
    private = key.private_numbers().private_value.to_bytes(32, "big")
    public = key.public_key().public_bytes(serialization.Encoding.X962,
                                           serialization.PublicFormat.UncompressedPoint)
    return b64url(private), b64url(public)


@dataclass
class Pushed:
    endpoint: str
    headers: dict
    data: dict


@dataclass
class FakePushService:
    pushed: list[Pushed] = field(default_factory=list)
    gone: set[str] = field(default_factory=set)
    _browsers: dict[str, tuple[ec.EllipticCurvePrivateKey, bytes]] = field(default_factory=dict)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))
    _lock: threading.Lock = field(default_factory=threading.Lock)
    base_url: str = ""

    def new_subscription(self) -> dict:
        key, auth = ec.generate_private_key(ec.SECP256R1()), os.urandom(16)
        endpoint = f"{self.base_url}/push/{next(self._ids)}"
        self._browsers[endpoint] = (key, auth)
        public = key.public_key().public_bytes(serialization.Encoding.X962,
                                               serialization.PublicFormat.UncompressedPoint)
        return {"endpoint": endpoint, "keys": {"p256dh": b64url(public), "auth": b64url(auth)}}

    def __call__(self, environ, start_response):
        request = Request(environ)
        endpoint = f"{self.base_url}{request.path}"
        if request.method != "POST" or endpoint not in self._browsers:
            return Response("not found", status=404)(environ, start_response)
        if endpoint in self.gone:
            return Response("subscription expired", status=410)(environ, start_response)
        key, auth = self._browsers[endpoint]
        data = http_ece.decrypt(request.get_data(), private_key=key, auth_secret=auth,
                                version="aes128gcm")
        with self._lock:
            self.pushed.append(Pushed(endpoint, dict(request.headers), json.loads(data)))
        return Response("", status=201)(environ, start_response)


def start() -> tuple[FakePushService, object, threading.Thread]:
    """Serve a fresh fake on 127.0.0.1 and a free port, in a thread."""
    fake = FakePushService()
    server = make_server("127.0.0.1", 0, fake, threaded=True)
    fake.base_url = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return fake, server, thread
