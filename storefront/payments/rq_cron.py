"""RQ's cron: ``rq cron storefront.payments.rq_cron --url $REDIS_URL`` queues the expiry job.

Every 5 minutes it puts ``release_expired`` on the ``pasar-ibu`` queue, which a worker
(``flask rq-worker``) runs inside the app.
"""
from __future__ import annotations

from rq import cron

from storefront.queue import run_job

#: How often unpaid orders past their deadline are released, in seconds.
INTERVAL = 300

cron.register(run_job, "pasar-ibu", args=("storefront.payments.jobs:release_expired", ()),
              interval=INTERVAL, name="release-expired")
