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
# Chosen by measurement on the 2-core machine (bench/catalog_load.py; figures in README
# "Benchmarks"). PostgreSQL and Redis share the same cores, so a request's wait on the
# database is CPU spent next door: more workers or threads than cores only add switching.
# - sync workers, one per core. nginx sits in front (deploy/nginx.conf) and buffers slow
#   phones, which is what threads would otherwise be for. A sync worker takes one request
#   at a time from the shared socket, so the load is spread evenly; gthread workers keep
#   keep-alive connections, and with 4 threads 14 of 16 connections stayed on one worker
#   (the category page fell to 46 req/s with the machine 61% busy).
# - With sync, 2 workers served the category page at 27 and 18 req/s in two passes; 3
#   workers 18 and 12, 4 workers 8 and 12; gthread 2x4 20 and 10 (wrk, 16 connections).
# - The trade: in the checkout rush (bench/checkout_rush.py, 100 buyers) gthread 2x4 placed
#   3.4 orders/s against 2.4 and 2.8 for sync, because place-order waits on row locks that
#   a sync worker cannot overlap. Browsing is most of the traffic, so sync stays; for a
#   Hari Ibu sale, GUNICORN_WORKER_CLASS=gthread GUNICORN_THREADS=4 is one restart away.
# (All on a machine shared with other test runs, load average 7-12: ratios, not rates.)
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Workers are recycled as a guard against slow leaks, rarely: a restart re-imports the app
# (about 2.5 s of CPU). Each worker draws its own limit between 200,000 and 300,000
# requests, so two workers reach theirs together about 1 time in 40 even when they
# started together, and at 500 req/s a worker restarts every 7 to 10 minutes (under 1%
# of the CPU). The old max_requests=2000 restarted each worker every 10 s at cached-page
# rates (13-17% of the throughput) and both at once (16 timeouts).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "200000"))
max_requests_jitter = max_requests // 2
accesslog = "-" if os.environ.get("GUNICORN_ACCESS_LOG", "1") == "1" else None
# the access log shows paths but never query strings, which can carry search words
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(L)ss'
# ...and masks the secret segment of one-time links (/bayar/<token>, /tap/<token>, …)
logger_class = "storefront.access_log.MaskedTokensLogger"


def post_fork(server, worker):  # noqa: ARG001 - gunicorn's hook signature
    """Each worker keeps 2 malloc arenas, so memory freed after photo decodes goes back."""
    limit_malloc_arenas()


forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
