"""E-mail through the shop's SMTP server (``notifications.mail``)."""
from __future__ import annotations

import smtplib

from storefront.notifications.channels.base import SendFailed
from storefront.notifications.mail import send_mail


class EmailChannel:
    def __init__(self, config):
        self.config = config

    def enabled(self) -> bool:
        return bool(self.config.get("SMTP_HOST"))

    def send(self, recipient: str, payload: dict) -> str:
        try:
            send_mail(recipient, payload["subject"], payload["body"])
        except (OSError, smtplib.SMTPException) as exc:
            raise SendFailed(f"smtp: {exc}") from exc
        return ""
