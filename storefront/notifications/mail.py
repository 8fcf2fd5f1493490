"""Plain-text e-mail over SMTP, when SMTP_HOST is configured."""
from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage

from flask import current_app

log = logging.getLogger(__name__)


def send_mail(to: str, subject: str, body: str) -> bool:
    """Send one e-mail; without SMTP_HOST nothing is sent and False is returned."""
    host = current_app.config.get("SMTP_HOST")
    if not host:
        return False
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_FROM"]
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    port = int(current_app.config.get("SMTP_PORT", 25))
    with smtplib.SMTP(host, port, timeout=10) as smtp:
        smtp.send_message(message)
    log.info("mail sent")
    return True
