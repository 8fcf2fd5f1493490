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

#: how passwords are hashed: werkzeug's scrypt. Never read from the environment; only the
#: test configuration may choose a cheaper method, and create_app refuses it anywhere else.
PASSWORD_HASH_METHOD = "scrypt"


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


def public_base_url() -> str:
    """PUBLIC_BASE_URL, else the local address on PORT (5000), so links follow `make run PORT=…`."""
    url = os.environ.get("PUBLIC_BASE_URL", "").strip().rstrip("/")
    return url or f"http://127.0.0.1:{os.environ.get('PORT', '5000').strip() or '5000'}"


def hari_ibu_date(name: str = "HARI_IBU_DATE", default: str = "12-22") -> str:
    """A month-day setting ("12-22"); a wrong value stops the app at start."""
    from storefront.domain.campaign import InvalidCampaignDay, parse_month_day

    text = os.environ.get(name, default).strip()
    try:
        parse_month_day(text)
    except InvalidCampaignDay as exc:
        raise ConfigError(f"{name} must look like {default}, not {text!r}") from exc
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
        #: PAGE_CACHE=0 turns off the whole-page cache for anonymous visitors (same Redis)
        "PAGE_CACHE": os.environ.get("PAGE_CACHE", "1") != "0",
        "PUBLIC_BASE_URL": public_base_url(),
        "BABEL_DEFAULT_LOCALE": "id",
        "BABEL_DEFAULT_TIMEZONE": "Asia/Makassar",
        "LANGUAGES": ("id", "en"),
        # five photos of up to 10 MB each, plus the rest of the form
        "MAX_CONTENT_LENGTH": 52 * 1024 * 1024,
        "PASSWORD_HASH_METHOD": PASSWORD_HASH_METHOD,
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
        #: Flask-Compress's list plus CSV (the catalog feed and exports)
        "COMPRESS_MIMETYPES": ["text/html", "text/css", "text/plain", "text/xml", "text/csv",
                               "text/javascript", "application/javascript", "application/json",
                               "application/xml", "application/rss+xml", "image/svg+xml",
                               "image/x-icon", "image/vnd.microsoft.icon"],
        #: the programme's WhatsApp number (E.164) that relays buyers' questions to sellers
        #: who chose it; empty: that choice shows no contact
        "PROGRAMME_WHATSAPP": os.environ.get("PROGRAMME_WHATSAPP", "").strip(),
        "TRUSTED_PROXY_HOPS": int(os.environ.get("TRUSTED_PROXY_HOPS", "0")),
        "HARI_IBU_DATE": hari_ibu_date(),
        #: first day of the Hari Ibu season (month-day): the home page and header lead to it
        "HARI_IBU_SEASON_START": hari_ibu_date("HARI_IBU_SEASON_START", "12-01"),
        "HARI_IBU_DELIVERY_DAYS": int(os.environ.get("HARI_IBU_DELIVERY_DAYS", "1")),
        "HARI_IBU_COLLECTION": os.environ.get("HARI_IBU_COLLECTION", "hadiah-hari-ibu"),
        #: how many days ahead a buyer may ask for a made-to-order product
        "WANTED_DATE_MAX_DAYS": int(os.environ.get("WANTED_DATE_MAX_DAYS", "60")),
        **payment_settings(),
        **xendit_settings(),
        **media_settings(production),
        **message_settings(),
    }


def message_settings() -> dict:
    """WhatsApp Business, web push and escalation (see README, Messages to sellers)."""
    env = os.environ.get
    return {
        #: Cloud API access token; empty turns the WhatsApp channel off
        "WHATSAPP_TOKEN": env("WHATSAPP_TOKEN", ""),
        "WHATSAPP_PHONE_NUMBER_ID": env("WHATSAPP_PHONE_NUMBER_ID", ""),
        #: the Meta app's secret: signs the webhook (X-Hub-Signature-256)
        "WHATSAPP_APP_SECRET": env("WHATSAPP_APP_SECRET", ""),
        #: the word Meta echoes when it verifies the webhook
        "WHATSAPP_VERIFY_TOKEN": env("WHATSAPP_VERIFY_TOKEN", ""),
        "WHATSAPP_API_BASE": env("WHATSAPP_API_BASE", "https://graph.facebook.com"),
        "WHATSAPP_API_VERSION": env("WHATSAPP_API_VERSION", "v21.0"),
        #: approved template names (README lists their Indonesian texts) and their language
        "WHATSAPP_TEMPLATE_NEW_ORDER": env("WHATSAPP_TEMPLATE_NEW_ORDER", "pesanan_baru"),
        "WHATSAPP_TEMPLATE_CANCELLED": env("WHATSAPP_TEMPLATE_CANCELLED", "pesanan_dibatalkan"),
        "WHATSAPP_TEMPLATE_BUYER_STATUS": env("WHATSAPP_TEMPLATE_BUYER_STATUS", "status_pesanan"),
        "WHATSAPP_TEMPLATE_LANGUAGE": env("WHATSAPP_TEMPLATE_LANGUAGE", "id"),
        #: VAPID keys for web push (base64url); empty turns web push off
        "VAPID_PUBLIC_KEY": env("VAPID_PUBLIC_KEY", ""),
        "VAPID_PRIVATE_KEY": env("VAPID_PRIVATE_KEY", ""),
        "VAPID_SUBJECT": env("VAPID_SUBJECT", "mailto:admin@pasaribu.id"),
        #: an order not accepted after this many minutes goes on the staff escalation list
        "SELLER_ACCEPT_MINUTES": int(env("SELLER_ACCEPT_MINUTES", "60")),
        #: seconds to wait before the 2nd and 3rd try of a message
        "MESSAGE_RETRY_DELAYS": tuple(
            float(x) for x in env("MESSAGE_RETRY_DELAYS", "5,30").split(",") if x.strip()),
    }


def check_password_hashing(settings) -> None:
    """Stop at start when a cheaper password hash than scrypt (the tests' setting) would
    reach an app that is not a test app, or any production app."""
    if settings.get("PASSWORD_HASH_METHOD", PASSWORD_HASH_METHOD) == PASSWORD_HASH_METHOD:
        return
    if not settings.get("TESTING") or settings.get("APP_ENV") == "production":
        raise ConfigError("PASSWORD_HASH_METHOD may only be changed in the test configuration")


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
        #: add Rp 1-999 to each transfer's amount so staff can match it (off by default)
        "TRANSFER_UNIQUE_CODE": env("TRANSFER_UNIQUE_CODE", "0").lower() in ("1", "true", "yes"),
    }


def _codes(raw: str) -> tuple[str, ...]:
    return tuple(c.strip().upper() for c in raw.split(",") if c.strip())


def xendit_settings() -> dict:
    """QRIS, virtual accounts and e-wallets through Xendit (see README, Xendit)."""
    env = os.environ.get
    settings = {
        #: without a secret key the qris, va and ewallet methods are not offered
        "XENDIT_SECRET_KEY": env("XENDIT_SECRET_KEY", ""),
        #: the "x-callback-token" Xendit sends with every callback (Dashboard > Callbacks)
        "XENDIT_CALLBACK_TOKEN": env("XENDIT_CALLBACK_TOKEN", ""),
        "XENDIT_API_BASE": env("XENDIT_API_BASE", "https://api.xendit.co"),
        #: banks offered for virtual accounts, in this order
        "XENDIT_VA_BANKS": _codes(env("XENDIT_VA_BANKS", "BRI,BNI,MANDIRI,BCA,PERMATA")),
        #: e-wallets offered, in this order
        "XENDIT_EWALLETS": _codes(env("XENDIT_EWALLETS", "OVO,DANA,SHOPEEPAY,LINKAJA")),
        #: methods whose refunds go through Xendit's refund API; others are refunded by hand
        "XENDIT_REFUND_METHODS": tuple(m.strip() for m in
                                       env("XENDIT_REFUND_METHODS", "qris,ewallet").split(",")),
        #: how long a QRIS, virtual account or e-wallet payment stays payable
        "XENDIT_PAYMENT_MINUTES": int(env("XENDIT_PAYMENT_MINUTES", "60")),
    }
    if settings["XENDIT_SECRET_KEY"] and not settings["XENDIT_CALLBACK_TOKEN"]:
        raise ConfigError("XENDIT_CALLBACK_TOKEN must be set with XENDIT_SECRET_KEY")
    return settings


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
