"""Encrypt bank account numbers with Fernet, under BANK_ACCOUNT_KEY from the environment."""
from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken
from flask import current_app


class BankKeyMissing(RuntimeError):
    """BANK_ACCOUNT_KEY is not set (or not a Fernet key): account numbers cannot be kept."""


def _fernet() -> Fernet:
    key = current_app.config.get("BANK_ACCOUNT_KEY", "")
    try:
        return Fernet(key)
    except (ValueError, TypeError) as exc:
        raise BankKeyMissing("BANK_ACCOUNT_KEY") from exc


def encrypt(number: str) -> str:
    return _fernet().encrypt(number.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise BankKeyMissing("BANK_ACCOUNT_KEY does not open this number") from exc
