"""Logging without personal data or secrets: e-mail addresses, phone numbers and the secret
segment of one-time addresses (tracking, payment, tap and set-password links) are masked in
every record. gunicorn's access log masks the same segments (``storefront.access_log``)."""
from __future__ import annotations

import logging
import re

#: What looks like an e-mail address or an Indonesian phone number.
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_PHONE = re.compile(r"(?<!\d)(?:\+?62[\s-]?|0)8[\d\s-]{7,14}\d")
#: Paths whose next segment is a secret: whoever holds it may act on the order or account.
_TOKEN_PATH = re.compile(r"(/(?:pesanan|bayar|tap|akun/atur-sandi)/)(?!qris\.svg)[^/?#\s\"']+")


def mask_tokens(text: str) -> str:
    """``/bayar/Xy12…/bukti`` → ``/bayar/[token]/bukti``."""
    return _TOKEN_PATH.sub(r"\1[token]", text)


def redact(text: str) -> str:
    return mask_tokens(_PHONE.sub("[phone]", _EMAIL.sub("[email]", text)))


class RedactPersonalData(logging.Filter):
    """Masks personal data in the final message, arguments included."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            try:
                record.msg = record.getMessage()
            except (TypeError, ValueError):
                record.msg = str(record.msg)
            record.args = None
        record.msg = redact(str(record.msg))
        if record.exc_info and not record.exc_text:
            # database errors quote the values that clashed: mask them in the traceback too
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        return True


def install() -> None:
    """Basic logging at INFO, with the redaction filter on every root handler."""
    logging.basicConfig(level=logging.INFO)
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, RedactPersonalData) for f in handler.filters):
            handler.addFilter(RedactPersonalData())
