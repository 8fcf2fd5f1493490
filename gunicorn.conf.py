"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py wsgi:app`.

Every value can be overridden from the environment, so the same file serves a
small VPS and a load-balanced fleet. The app keeps no state in the process:
sessions are signed cookies, data is in PostgreSQL, jobs and rate-limit counts
in Redis, photos in the media store.
"""
import multiprocessing
import os

from storefront.media.images import limit_malloc_arenas

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
max_requests = 2000
max_requests_jitter = 200
accesslog = "-" if os.environ.get("GUNICORN_ACCESS_LOG", "1") == "1" else None
# the access log shows paths but never query strings, which can carry search words
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(L)ss'
# ...and masks the secret segment of one-time links (/bayar/<token>, /tap/<token>, …)
logger_class = "storefront.access_log.MaskedTokensLogger"


def post_fork(server, worker):  # noqa: ARG001 - gunicorn's hook signature
    """Each worker keeps 2 malloc arenas, so memory freed after photo decodes goes back."""
    limit_malloc_arenas()


forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
