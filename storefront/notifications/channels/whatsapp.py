"""WhatsApp Business Cloud API (Meta's Graph API), with plain ``requests``.

Why ``requests`` and not ``pywa``: the shop needs two calls (send a template, send a
short text) and a webhook it must verify itself on the raw body; ``requests`` is
already installed, is pointed at a test server by one setting (``WHATSAPP_API_BASE``),
and leaves no framework between the shop and the documented JSON.
"""
from __future__ import annotations

import requests

from storefront.notifications.channels.base import SendFailed

#: Seconds to wait for Graph before the try counts as failed.
TIMEOUT = 10


class WhatsAppChannel:
    def __init__(self, config):
        self.config = config

    def enabled(self) -> bool:
        return bool(self.config.get("WHATSAPP_TOKEN") and self.config.get("WHATSAPP_PHONE_NUMBER_ID"))

    def url(self) -> str:
        c = self.config
        return (f"{c['WHATSAPP_API_BASE'].rstrip('/')}/{c['WHATSAPP_API_VERSION']}"
                f"/{c['WHATSAPP_PHONE_NUMBER_ID']}/messages")

    def send(self, recipient: str, payload: dict) -> str:
        """``payload`` is ``{"template": {...}}`` (Graph's template object) or ``{"text": "…"}``."""
        body: dict = {"messaging_product": "whatsapp", "recipient_type": "individual",
                      "to": recipient}
        if "template" in payload:
            body.update(type="template", template=payload["template"])
        else:
            body.update(type="text", text={"body": payload["text"], "preview_url": False})
        try:
            response = requests.post(self.url(), json=body, timeout=TIMEOUT, headers={
                "Authorization": f"Bearer {self.config['WHATSAPP_TOKEN']}"})
        except requests.RequestException as exc:
            raise SendFailed(f"whatsapp: {exc.__class__.__name__}") from exc
        if response.status_code >= 400:
            raise SendFailed(f"whatsapp: HTTP {response.status_code} {response.text[:200]}")
        try:
            return str(response.json()["messages"][0]["id"])
        except (ValueError, KeyError, IndexError, TypeError):
            raise SendFailed("whatsapp: answer without a message id") from None
