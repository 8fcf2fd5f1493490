"""A loopback fake of the WhatsApp Cloud API endpoint Pasar Ibu uses, for ``requests``.

``POST /<version>/<phone_number_id>/messages`` is recorded (JSON body, Authorization)
and answered like Graph, with a fresh ``wamid``; ``fail_next(n)`` makes the next ``n``
sends answer 500. ``status_webhook``, ``reply_webhook`` and ``signed`` build the
events Meta posts to ``/webhooks/whatsapp``, signed with ``X-Hub-Signature-256``;
``post_webhook`` sends one to a running shop.
"""
from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import threading
import time
from dataclasses import dataclass, field

import requests
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

TOKEN = "EAAG-fake-token"
PHONE_NUMBER_ID = "1098765432"
APP_SECRET = "whatsapp-app-secret-test"
VERIFY_TOKEN = "pasar-ibu-verify"
BUSINESS_NUMBER = "6281100000000"


def signature(body: bytes, secret: str = APP_SECRET) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


@dataclass
class Sent:
    path: str
    body: dict
    authorization: str | None
    wamid: str


@dataclass
class FakeGraph:
    sent: list[Sent] = field(default_factory=list)
    failures: int = 0
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))
    _lock: threading.Lock = field(default_factory=threading.Lock)
    base_url: str = ""

    # --- what tests use ------------------------------------------------------------------
    def fail_next(self, n: int) -> None:
        with self._lock:
            self.failures = n

    def to(self, number: str) -> list[Sent]:
        return [s for s in self.sent if s.body.get("to") == number]

    def _envelope(self, value: dict) -> dict:
        return {"object": "whatsapp_business_account", "entry": [{"id": "WABA-1", "changes": [{
            "field": "messages", "value": {
                "messaging_product": "whatsapp",
                "metadata": {"display_phone_number": BUSINESS_NUMBER,
                             "phone_number_id": PHONE_NUMBER_ID}, **value}}]}]}

    def status_webhook(self, wamid: str, status: str, recipient: str) -> dict:
        item = {"id": wamid, "status": status, "timestamp": str(int(time.time())),
                "recipient_id": recipient}
        if status == "failed":
            item["errors"] = [{"code": 131026, "title": "Message undeliverable"}]
        return self._envelope({"statuses": [item]})

    def reply_webhook(self, sender: str, text: str = "", *, context: str = "",
                      button_payload: str = "") -> dict:
        message: dict = {"from": sender, "id": f"wamid.IN{next(self._ids)}",
                         "timestamp": str(int(time.time()))}
        if button_payload:
            message.update(type="button", button={"payload": button_payload, "text": text})
        else:
            message.update(type="text", text={"body": text})
        if context:
            message["context"] = {"from": BUSINESS_NUMBER, "id": context}
        return self._envelope({"contacts": [{"profile": {"name": "Mama"}, "wa_id": sender}],
                               "messages": [message]})

    @staticmethod
    def signed(event: dict, secret: str = APP_SECRET) -> tuple[bytes, dict]:
        body = json.dumps(event).encode()
        return body, {"Content-Type": "application/json",
                      "X-Hub-Signature-256": signature(body, secret)}

    def post_webhook(self, url: str, event: dict) -> requests.Response:
        body, headers = self.signed(event)
        return requests.post(url, data=body, headers=headers, timeout=10)

    # --- the WSGI app ---------------------------------------------------------------------
    def __call__(self, environ, start_response):
        request = Request(environ)
        parts = request.path.strip("/").split("/")
        if request.method != "POST" or len(parts) != 3 or parts[2] != "messages":
            response = _error(404, "Unknown path")
        elif parts[1] != PHONE_NUMBER_ID:
            response = _error(400, "Unsupported post request")
        elif request.headers.get("Authorization") != f"Bearer {TOKEN}":
            response = _error(401, "Invalid OAuth access token")
        else:
            with self._lock:
                failing = self.failures > 0
                self.failures -= 1 if failing else 0
            if failing:
                response = _error(500, "Service temporarily unavailable")
            else:
                body = request.get_json(force=True)
                wamid = f"wamid.FAKE{next(self._ids)}"
                with self._lock:
                    self.sent.append(Sent(request.path, body, request.headers.get("Authorization"),
                                          wamid))
                response = Response(json.dumps({
                    "messaging_product": "whatsapp",
                    "contacts": [{"input": body.get("to"), "wa_id": body.get("to")}],
                    "messages": [{"id": wamid}]}), content_type="application/json")
        return response(environ, start_response)


def _error(status: int, message: str) -> Response:
    return Response(json.dumps({"error": {"message": message, "type": "OAuthException",
                                          "code": status}}),
                    status=status, content_type="application/json")


def start() -> tuple[FakeGraph, object, threading.Thread]:
    """Serve a fresh fake on 127.0.0.1 and a free port, in a thread."""
    fake = FakeGraph()
    server = make_server("127.0.0.1", 0, fake, threaded=True)
    fake.base_url = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return fake, server, thread
