"""/webhooks/whatsapp: Meta's verification (GET) and signed events (POST)."""
from __future__ import annotations

import hmac
import json
import logging

from flask import Blueprint, current_app, jsonify, request

from storefront.extensions import csrf, db
from storefront.notifications import whatsapp_inbound

log = logging.getLogger(__name__)

bp = Blueprint("whatsapp_webhooks", __name__, url_prefix="/webhooks")


@bp.get("/whatsapp")
def verify():
    wanted = current_app.config.get("WHATSAPP_VERIFY_TOKEN") or ""
    given = request.args.get("hub.verify_token", "")
    if request.args.get("hub.mode") != "subscribe" or not wanted \
            or not hmac.compare_digest(wanted.encode(), given.encode()):
        return "forbidden", 403, {"Content-Type": "text/plain; charset=utf-8"}
    return request.args.get("hub.challenge", ""), 200, {"Content-Type": "text/plain; charset=utf-8"}


@bp.post("/whatsapp")
@csrf.exempt
def receive():
    raw = request.get_data(cache=False)
    if not whatsapp_inbound.signature_ok(raw, request.headers.get("X-Hub-Signature-256"),
                                         current_app.config.get("WHATSAPP_APP_SECRET") or ""):
        log.info("whatsapp webhook refused: bad signature")
        return jsonify(error="invalid signature"), 403
    try:
        payload = json.loads(raw)
    except ValueError:
        return jsonify(error="not json"), 400
    if not isinstance(payload, dict):
        return jsonify(error="not an object"), 400
    whatsapp_inbound.handle(payload)
    db.session.commit()
    return jsonify(received=True), 200
