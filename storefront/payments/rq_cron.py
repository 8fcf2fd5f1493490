"""The clock process: ``rq cron storefront.payments.rq_cron --url $REDIS_URL``.

It queues the scheduled jobs on the ``pasar-ibu`` queue, which a worker (``flask rq-worker``)
runs inside the app. The Procfile's ``clock`` line and the container's ``clock`` command run it.
"""
from __future__ import annotations

from rq import cron

from storefront.queue import run_job

#: How often unpaid orders past their deadline are released, in seconds.
INTERVAL = 300
#: When buyers' old contact details are removed: daily at 02:30 UTC (10:30 in Kupang).
PURGE_CRON = "30 2 * * *"

#: Each scheduled job: its name, the job function, and when it runs.
SCHEDULE = (
    ("release-expired", "storefront.payments.jobs:release_expired", {"interval": INTERVAL}),
    ("purge-buyer-data", "storefront.privacy.jobs:purge_buyer_data", {"cron": PURGE_CRON}),
)

for _name, _target, _when in SCHEDULE:
    cron.register(run_job, "pasar-ibu", args=(_target, ()), name=_name, **_when)
