"""A loopback fake of the Xendit endpoints Pasar Ibu uses, for the real ``xendit-python`` SDK.

Endpoints: ``POST /payment_requests``, ``GET /payment_requests/<id>``,
``POST /v2/payment_methods/<id>/expire`` and ``POST /refunds``.  Every request is
recorded (JSON body, ``idempotency-key`` and ``Authorization``); a repeated POST
with the same idempotency key gets the first answer again, as Xendit does.
``fail_next`` makes the next requests fail; ``pay`` simulates the buyer paying and
sends the ``payment.succeeded`` callback with ``x-callback-token``, as Xendit does.
"""
from __future__ import annotations

import copy
import itertools
import json
import threading
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime

from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

API_KEY = "xnd_development_pasar_ibu_fake"
CALLBACK_TOKEN = "xendit-callback-token-pasar-ibu"


@dataclass
class Recorded:
    method: str
    path: str
    body: dict
    idempotency_key: str | None
    authorization: str | None


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass
class FakeXendit:
    requests: list[Recorded] = field(default_factory=list)
    payment_requests: dict[str, dict] = field(default_factory=dict)
    refunds: dict[str, dict] = field(default_factory=dict)
    #: where ``pay`` POSTs the callback; None: it only returns it (tests post it themselves)
    callback_url: str | None = None
    _failures: list[int] = field(default_factory=list)
    _replies: dict[str, tuple[int, str]] = field(default_factory=dict)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))
    _lock: threading.Lock = field(default_factory=threading.Lock)
    base_url: str = ""

    # --- what tests use ------------------------------------------------------------------
    def posts(self, path_start: str) -> list[Recorded]:
        return [r for r in self.requests if r.method == "POST" and r.path.startswith(path_start)]

    def fail_next(self, times: int = 1, status: int = 503) -> None:
        """The next ``times`` requests get ``status`` (Xendit down or refusing)."""
        self._failures.extend([status] * times)

    def recover(self) -> None:
        """Xendit is back: failures still queued are dropped."""
        self._failures.clear()

    def pay(self, request_id: str, *, status: str = "SUCCEEDED", send: bool = True) -> dict:
        """The buyer paid: the request succeeds and Xendit calls back (if ``callback_url``)."""
        made = self.payment_requests[request_id]
        made.update(status=status, updated=_now())
        made["payment_method"]["status"] = "EXPIRED" if status == "SUCCEEDED" else "FAILED"
        callback = self.callback(made, "payment.succeeded" if status == "SUCCEEDED"
                                 else "payment.failed")
        if send and self.callback_url:
            self.send(callback)
        return callback

    def callback(self, made: dict, event: str, webhook_id: str | None = None) -> dict:
        """The callback as Xendit sends it: body and headers (with the token)."""
        n = next(self._ids)
        data = {"id": f"py-fake-{n}", "payment_request_id": made["id"],
                "reference_id": made["reference_id"], "currency": "IDR",
                "amount": made["amount"], "country": "ID",
                "status": "SUCCEEDED" if event == "payment.succeeded" else "FAILED",
                "payment_method": made["payment_method"], "created": _now(),
                "updated": _now(), "metadata": made.get("metadata")}
        body = {"event": event, "business_id": "fake-business", "created": _now(), "data": data}
        headers = {"x-callback-token": CALLBACK_TOKEN,
                   "webhook-id": webhook_id or f"whk-fake-{n}"}
        return {"body": body, "headers": headers}

    def send(self, callback: dict) -> int:
        request = urllib.request.Request(
            self.callback_url, data=json.dumps(callback["body"]).encode(), method="POST",
            headers={"Content-Type": "application/json", **callback["headers"]})
        with urllib.request.urlopen(request, timeout=10) as reply:  # noqa: S310 - loopback
            return reply.status

    # --- the WSGI app ---------------------------------------------------------------------
    def __call__(self, environ, start_response):
        request = Request(environ)
        body = request.get_json(silent=True) or {}
        key = request.headers.get("idempotency-key")
        with self._lock:
            self.requests.append(Recorded(request.method, request.path, body, key,
                                          request.headers.get("Authorization")))
            replay = f"{request.path}|{key}"
            if self._failures:
                status, text = _error(self._failures.pop(0), "SERVER_ERROR", "Fake failure")
            elif request.method == "POST" and key and replay in self._replies:
                status, text = self._replies[replay]
            else:
                status, text = self._route(request.method, request.path, body)
                if request.method == "POST" and key and status < 500:
                    self._replies[replay] = (status, text)
        return Response(text, status=status, content_type="application/json")(
            environ, start_response)

    def _route(self, method: str, path: str, body: dict) -> tuple[int, str]:
        parts = path.strip("/").split("/")
        if parts == ["payment_requests"] and method == "POST":
            return self._create(body)
        if parts[0] == "payment_requests" and len(parts) == 2 and method == "GET":
            made = self.payment_requests.get(parts[1])
            return (200, json.dumps(made)) if made else _error(404, "DATA_NOT_FOUND", "No such")
        if parts[:2] == ["v2", "payment_methods"] and parts[3:] == ["expire"] and method == "POST":
            for made in self.payment_requests.values():
                if made["payment_method"]["id"] == parts[2]:
                    if made["status"] in ("PENDING", "REQUIRES_ACTION"):
                        made["status"] = "EXPIRED"
                        made["payment_method"]["status"] = "EXPIRED"
                    return 200, json.dumps(made["payment_method"])
            return _error(404, "DATA_NOT_FOUND", "No such payment method")
        if parts == ["refunds"] and method == "POST":
            made = self.payment_requests.get(body.get("payment_request_id", ""))
            if made is None or made["status"] != "SUCCEEDED":
                return _error(400, "INELIGIBLE_TRANSACTION", "Not paid")
            refund = {"id": f"rfd-fake-{next(self._ids)}", "payment_request_id": made["id"],
                      "amount": body["amount"], "currency": "IDR", "country": "ID",
                      "channel_code": "QRIS", "status": "SUCCEEDED",
                      "reference_id": body.get("reference_id"), "created": _now(),
                      "updated": _now()}
            self.refunds[refund["id"]] = refund
            return 200, json.dumps(refund)
        return _error(404, "NOT_FOUND", f"{method} {path}")

    def _create(self, body: dict) -> tuple[int, str]:
        n = next(self._ids)
        request_id, method_id = f"pr-fake-{n}", f"pm-fake-{n}"
        method = dict(copy.deepcopy(body["payment_method"]), id=method_id, status="ACTIVE",
                      created=_now(), updated=_now())
        actions = []
        kind = method["type"]
        if kind == "QR_CODE":
            method["qr_code"]["channel_properties"]["qr_string"] = \
                f"00020101021226660014ID.CO.QRIS.WWW0215ID{n:013d}5204541153033605802ID" \
                f"5909PASAR IBU6006KUPANG6304ABCD"
        elif kind == "VIRTUAL_ACCOUNT":
            method["virtual_account"]["channel_properties"]["virtual_account_number"] = \
                f"9888{n:012d}"
        elif kind == "EWALLET":
            code = method["ewallet"]["channel_code"]
            if code != "OVO":
                actions.append({"action": "AUTH", "url_type": "WEB", "method": "GET",
                                "url": f"https://ewallet.xendit.test/{code.lower()}/{request_id}",
                                "qr_code": None})
        made = {"id": request_id, "created": _now(), "updated": _now(),
                "reference_id": body["reference_id"], "business_id": "fake-business",
                "currency": body["currency"], "amount": body["amount"], "country": "ID",
                "payment_method": method, "description": body.get("description"),
                "metadata": body.get("metadata"), "actions": actions,
                "status": "REQUIRES_ACTION" if actions else "PENDING",
                "capture_method": "AUTOMATIC"}
        self.payment_requests[request_id] = made
        return 201, json.dumps(made)


def _error(status: int, code: str, message: str) -> tuple[int, str]:
    return status, json.dumps({"error_code": code, "message": message})


def start() -> tuple[FakeXendit, object, threading.Thread]:
    """Serve a fresh fake on 127.0.0.1 and a free port, in a thread."""
    fake = FakeXendit()
    server = make_server("127.0.0.1", 0, fake, threaded=True)
    fake.base_url = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return fake, server, thread
