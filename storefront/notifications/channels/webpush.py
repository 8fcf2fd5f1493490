"""Web push (pywebpush, VAPID) to a phone where a seller turned notifications on."""
from __future__ import annotations

import json

import requests
from pywebpush import WebPushException, webpush

from storefront.notifications.channels.base import Gone, SendFailed

#: Seconds to wait for the push service.
TIMEOUT = 10
#: How long the push service keeps a message for a phone that is off (seconds).
TTL = 24 * 3600


class WebPushChannel:
    def __init__(self, config):
        self.config = config

    def enabled(self) -> bool:
        return bool(self.config.get("VAPID_PRIVATE_KEY") and self.config.get("VAPID_PUBLIC_KEY"))

    def send(self, recipient: str, payload: dict) -> str:  # noqa: ARG002 - the keys are in payload
        """``payload``: ``subscription`` (endpoint and keys), ``title``, ``body``, ``url``."""
        data = json.dumps({k: payload[k] for k in ("title", "body", "url")})
        try:
            webpush(payload["subscription"], data=data, ttl=TTL, timeout=TIMEOUT,
                    vapid_private_key=self.config["VAPID_PRIVATE_KEY"],
                    vapid_claims={"sub": self.config["VAPID_SUBJECT"]})
        except WebPushException as exc:
            status = getattr(exc.response, "status_code", None)
            if status in (404, 410):
                raise Gone(f"webpush: HTTP {status}") from exc
            raise SendFailed(f"webpush: HTTP {status}") from exc
        except requests.RequestException as exc:
            raise SendFailed(f"webpush: {exc.__class__.__name__}") from exc
        return ""
