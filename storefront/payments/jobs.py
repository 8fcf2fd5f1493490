"""Background work on payments, never run inside a buyer's request."""
from __future__ import annotations

from flask import current_app

from storefront.extensions import db
from storefront.payments import services


def release_expired() -> int:
    """Expire every unpaid payment past its deadline and commit; returns how many changed.

    The hooks release each order's reserved stock (or, if the money beat the deadline,
    route it as paid). Runs in ``flask release-expired`` (cron) or as an RQ job:
    ``storefront.queue.run_job("storefront.payments.jobs:release_expired", ())``.
    A request context gives the notifications their links; the commit comes after it,
    so e-mails go out through ``after_commit`` as everywhere else.
    """
    base = current_app.config.get("PUBLIC_BASE_URL") or "http://localhost"
    with current_app.test_request_context("/", base_url=base):
        changed = services.expire_due()
        db.session.flush()
    db.session.commit()
    return changed
