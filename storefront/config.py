"""Settings, read from the environment.

``APP_ENV`` picks the profile: ``development`` (default), ``production`` or
``testing``.  In production every secret must come from the environment; in
development a secret key is generated once and kept under ``instance/``.
"""
from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path


class ConfigError(RuntimeError):
    """The environment is missing something the app cannot run without."""


def database_url(instance_path: str) -> str:
    """DATABASE_URL, normalised to a SQLAlchemy URL; SQLite in instance/ by default."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return f"sqlite:///{Path(instance_path) / 'pasar_ibu.db'}"
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def secret_key(instance_path: str, production: bool) -> str:
    """SECRET_KEY from the environment; generated and kept in instance/ outside production."""
    key = os.environ.get("SECRET_KEY", "").strip()
    if key:
        return key
    if production:
        raise ConfigError("SECRET_KEY must be set in production")
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def hari_ibu_date() -> str:
    """HARI_IBU_DATE as month-day ("12-22"); a wrong value stops the app at start."""
    from storefront.domain.campaign import InvalidCampaignDay, parse_month_day

    text = os.environ.get("HARI_IBU_DATE", "12-22").strip()
    try:
        parse_month_day(text)
    except InvalidCampaignDay as exc:
        raise ConfigError(f"HARI_IBU_DATE must look like 12-22, not {text!r}") from exc
    return text


def load(instance_path: str) -> dict:
    """Build the config mapping for ``app.config.from_mapping``."""
    env = os.environ.get("APP_ENV", "development")
    production = env == "production"
    return {
        "APP_ENV": env,
        "SECRET_KEY": secret_key(instance_path, production),
        "SQLALCHEMY_DATABASE_URI": database_url(instance_path),
        # hide_parameters: SQL errors in logs never carry the values (phone numbers, addresses)
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True, "hide_parameters": True},
        "MEDIA_ROOT": os.environ.get("MEDIA_ROOT", str(Path(instance_path) / "media")),
        "MEDIA_URL_PREFIX": "/media",
        "REDIS_URL": os.environ.get("REDIS_URL", ""),
        #: Redis for cached page fragments; defaults to REDIS_URL, unset means no cache
        "CACHE_REDIS_URL": os.environ.get("CACHE_REDIS_URL") or os.environ.get("REDIS_URL", ""),
        #: start of every cache key, so several shops can share one Redis
        "CACHE_KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "pasar-ibu:"),
        #: FRAGMENT_CACHE=0 turns the fragment cache off (benchmarks compare both)
        "FRAGMENT_CACHE": os.environ.get("FRAGMENT_CACHE", "1") != "0",
        "PUBLIC_BASE_URL": os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:5000"),
        "BABEL_DEFAULT_LOCALE": "id",
        "BABEL_DEFAULT_TIMEZONE": "Asia/Makassar",
        "LANGUAGES": ("id", "en"),
        # five photos of up to 10 MB each, plus the rest of the form
        "MAX_CONTENT_LENGTH": 52 * 1024 * 1024,
        "PERMANENT_SESSION_LIFETIME": timedelta(days=7),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_DURATION": timedelta(days=30),
        "WTF_CSRF_TIME_LIMIT": None,
        "SMTP_HOST": os.environ.get("SMTP_HOST", ""),
        "SMTP_PORT": int(os.environ.get("SMTP_PORT", "25")),
        "MAIL_FROM": os.environ.get("MAIL_FROM", "Pasar Ibu <noreply@pasaribu.id>"),
        "RATELIMIT_STORAGE_URI": os.environ.get("REDIS_URL") or "memory://",
        # only load tests from one address turn this off (RATELIMIT_ENABLED=0)
        "RATELIMIT_ENABLED": os.environ.get("RATELIMIT_ENABLED", "1") != "0",
        "RATELIMIT_HEADERS_ENABLED": True,
        "PAGE_SIZE": 24,
        #: the programme's WhatsApp number (E.164) that relays buyers' questions to sellers
        #: who chose it; empty: that choice shows no contact
        "PROGRAMME_WHATSAPP": os.environ.get("PROGRAMME_WHATSAPP", "").strip(),
        "TRUSTED_PROXY_HOPS": int(os.environ.get("TRUSTED_PROXY_HOPS", "0")),
        "HARI_IBU_DATE": hari_ibu_date(),
        "HARI_IBU_DELIVERY_DAYS": int(os.environ.get("HARI_IBU_DELIVERY_DAYS", "1")),
        "HARI_IBU_COLLECTION": os.environ.get("HARI_IBU_COLLECTION", "hadiah-hari-ibu"),
        **payment_settings(),
        **media_settings(production),
    }


def payment_settings() -> dict:
    """Payment methods, Stripe keys, commission and payout rules (see README, Payments)."""
    env = os.environ.get
    return {
        #: which methods buyers may choose, comma-separated: card, bank_transfer, cash
        "PAYMENT_METHODS": tuple(m.strip() for m in env("PAYMENT_METHODS", "bank_transfer,cash")
                                 .split(",") if m.strip()),
        "STRIPE_SECRET_KEY": env("STRIPE_SECRET_KEY", ""),
        "STRIPE_WEBHOOK_SECRET": env("STRIPE_WEBHOOK_SECRET", ""),
        "STRIPE_API_BASE": env("STRIPE_API_BASE", ""),
        "STRIPE_MIN_AMOUNT": int(env("STRIPE_MIN_AMOUNT", "10000")),
        "COMMISSION_RATE": env("COMMISSION_RATE", "0"),
        "PAYOUT_APPROVAL_LIMIT": int(env("PAYOUT_APPROVAL_LIMIT", "1000000")),
        "BANK_ACCOUNT_KEY": env("BANK_ACCOUNT_KEY", ""),
        "PAYMENT_BANK_NAME": env("PAYMENT_BANK_NAME", "Bank NTT"),
        "PAYMENT_BANK_ACCOUNT": env("PAYMENT_BANK_ACCOUNT", ""),
        "PAYMENT_BANK_HOLDER": env("PAYMENT_BANK_HOLDER", "Women Care Day"),
        "PAYMENT_QRIS_PAYLOAD": env("PAYMENT_QRIS_PAYLOAD", ""),
        "TRANSFER_PAYMENT_HOURS": int(env("TRANSFER_PAYMENT_HOURS", "24")),
        #: private folder for proof-of-payment photos; empty: "proofs" beside MEDIA_ROOT
        "PROOF_ROOT": env("PROOF_ROOT", ""),
    }


def media_settings(production: bool) -> dict:
    """Where photos and payment proofs are kept (see README, Media storage)."""
    env = os.environ.get
    settings = {
        #: "local" (folders MEDIA_ROOT and PROOF_ROOT) or "s3" (any S3-compatible bucket)
        "MEDIA_STORAGE": env("MEDIA_STORAGE", "local").strip().lower(),
        #: the bucket for MEDIA_STORAGE=s3; required in production
        "S3_BUCKET": env("S3_BUCKET", "").strip(),
        #: the store's address, e.g. https://<account>.r2.cloudflarestorage.com; empty: AWS S3
        "S3_ENDPOINT_URL": env("S3_ENDPOINT_URL", "").strip(),
        #: the bucket's region (AWS, Wasabi); empty: boto3's default
        "S3_REGION": env("S3_REGION", "").strip(),
        #: key prefix of public media (photos, share images)
        "S3_MEDIA_PREFIX": key_prefix(env("S3_MEDIA_PREFIX", "media/")),
        #: key prefix of payment proofs: private, never under the media prefix
        "S3_PROOF_PREFIX": key_prefix(env("S3_PROOF_PREFIX", "proofs/")),
        #: public address of the media prefix (bucket or CDN); empty: served by the app at /media
        "MEDIA_PUBLIC_URL": env("MEDIA_PUBLIC_URL", "").strip().rstrip("/"),
    }
    check_media_settings(settings, production)
    return settings


def key_prefix(text: str) -> str:
    """A bucket key prefix as "folder/": "media", "/media/" and "media/" are the same."""
    text = text.strip().strip("/")
    return f"{text}/" if text else ""


def check_media_settings(settings: dict, production: bool) -> None:
    """Stop at start on a store that cannot work or would make payment proofs public."""
    if settings["MEDIA_STORAGE"] not in ("local", "s3"):
        raise ConfigError(f"MEDIA_STORAGE must be local or s3, not {settings['MEDIA_STORAGE']!r}")
    if settings["MEDIA_STORAGE"] != "s3":
        return
    if production and not settings["S3_BUCKET"]:
        raise ConfigError("MEDIA_STORAGE=s3 needs S3_BUCKET: the name of the bucket to keep media in")
    media, proofs = settings["S3_MEDIA_PREFIX"], settings["S3_PROOF_PREFIX"]
    if not proofs or media.startswith(proofs) or proofs.startswith(media):
        raise ConfigError("S3_MEDIA_PREFIX and S3_PROOF_PREFIX must differ and neither may contain "
                          "the other, or payment proofs could be served as public media")
