"""A loopback fake of the few Stripe endpoints Pasar Ibu uses, for the real ``stripe`` library.

Endpoints: ``POST /v1/checkout/sessions``, ``GET /v1/checkout/sessions/<id>``,
``POST /v1/checkout/sessions/<id>/expire`` and ``POST /v1/refunds``.  Every
request is recorded (form parameters and the Idempotency-Key header); a
repeated POST with the same Idempotency-Key gets the first response again, as
Stripe answers.  ``sign`` writes a ``Stripe-Signature`` header the way Stripe does.
"""
from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import threading
import time
from dataclasses import dataclass, field

from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

WEBHOOK_SECRET = "whsec_test_pasar_ibu"
API_KEY = "sk_test_pasar_ibu_fake"


def sign(payload: str, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    """``t=<ts>,v1=<hex HMAC-SHA256 of "{t}.{payload}">``, exactly Stripe's scheme."""
    ts = int(time.time()) if timestamp is None else timestamp
    mac = hmac.new(secret.encode(), f"{ts}.{payload}".encode(), hashlib.sha256).hexdigest()
    return f"t={ts},v1={mac}"


@dataclass
class Recorded:
    method: str
    path: str
    params: dict
    idempotency_key: str | None
    authorization: str | None


@dataclass
class FakeStripe:
    requests: list[Recorded] = field(default_factory=list)
    sessions: dict[str, dict] = field(default_factory=dict)
    refunds: dict[str, dict] = field(default_factory=dict)
    _replies: dict[str, tuple[int, str]] = field(default_factory=dict)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))
    _lock: threading.Lock = field(default_factory=threading.Lock)
    base_url: str = ""

    # --- what tests use ------------------------------------------------------------------
    def posts(self, path_start: str) -> list[Recorded]:
        return [r for r in self.requests if r.method == "POST" and r.path.startswith(path_start)]

    def pay(self, session_id: str) -> dict:
        """The buyer paid on Stripe's page: the session completes with a PaymentIntent."""
        session = self.sessions[session_id]
        session.update(status="complete", payment_status="paid",
                       payment_intent=f"pi_fake_{next(self._ids)}")
        return session

    def event(self, kind: str, session: dict, event_id: str | None = None) -> dict:
        """A webhook event as Stripe sends it, about ``session``."""
        return {"id": event_id or f"evt_fake_{next(self._ids)}", "object": "event",
                "api_version": "2026-10-28.endive", "created": int(time.time()),
                "type": kind, "livemode": False, "data": {"object": dict(session)}}

    # --- the WSGI app ---------------------------------------------------------------------
    def __call__(self, environ, start_response):
        request = Request(environ)
        params = request.form.to_dict(flat=True) if request.method == "POST" else \
            request.args.to_dict(flat=True)
        key = request.headers.get("Idempotency-Key")
        with self._lock:
            self.requests.append(Recorded(request.method, request.path, params, key,
                                          request.headers.get("Authorization")))
            replay = f"{request.path}|{key}"
            if request.method == "POST" and key and replay in self._replies:
                status, body = self._replies[replay]
            else:
                status, body = self._route(request.method, request.path, params)
                if request.method == "POST" and key:
                    self._replies[replay] = (status, body)
        response = Response(body, status=status, content_type="application/json")
        if key:
            response.headers["Idempotency-Key"] = key
        return response(environ, start_response)

    def _route(self, method: str, path: str, params: dict) -> tuple[int, str]:
        parts = path.strip("/").split("/")
        if parts[:3] == ["v1", "checkout", "sessions"]:
            if method == "POST" and len(parts) == 3:
                return self._create_session(params)
            session = self.sessions.get(parts[3]) if len(parts) > 3 else None
            if session is None:
                return _error(404, "No such checkout.session")
            if method == "GET" and len(parts) == 4:
                return 200, json.dumps(session)
            if method == "POST" and parts[4:] == ["expire"]:
                if session["status"] != "open":
                    return _error(400, "Only Checkout Sessions with a status of `open` can be expired.")
                session["status"] = "expired"
                return 200, json.dumps(session)
        if parts == ["v1", "refunds"] and method == "POST":
            refund = {"id": f"re_fake_{next(self._ids)}", "object": "refund",
                      "amount": int(params["amount"]), "currency": "idr",
                      "payment_intent": params["payment_intent"], "status": "succeeded"}
            self.refunds[refund["id"]] = refund
            return 200, json.dumps(refund)
        return _error(404, f"Unrecognized request URL ({method}: {path})")

    def _create_session(self, params: dict) -> tuple[int, str]:
        session_id = f"cs_test_fake_{next(self._ids)}"
        session = {
            "id": session_id, "object": "checkout.session", "mode": params.get("mode"),
            "status": "open", "payment_status": "unpaid", "payment_intent": None,
            "currency": params.get("line_items[0][price_data][currency]"),
            "amount_total": int(params.get("line_items[0][price_data][unit_amount]", 0)),
            "expires_at": int(params.get("expires_at", 0)),
            "metadata": {k[len("metadata["):-1]: v for k, v in params.items()
                         if k.startswith("metadata[")},
            "url": f"https://checkout.stripe.test/c/pay/{session_id}",
            "success_url": params.get("success_url"), "cancel_url": params.get("cancel_url"),
        }
        self.sessions[session_id] = session
        return 200, json.dumps(session)


def _error(status: int, message: str) -> tuple[int, str]:
    return status, json.dumps({"error": {"type": "invalid_request_error", "message": message}})


def start() -> tuple[FakeStripe, object, threading.Thread]:
    """Serve a fresh fake on 127.0.0.1 and a free port, in a thread."""
    fake = FakeStripe()
    server = make_server("127.0.0.1", 0, fake, threaded=True)
    fake.base_url = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return fake, server, thread
