"""Work that must happen only after the request's commit: e-mails, messages.

Services call ``after_commit(func, *args)``.  Nothing runs if the transaction
rolls back.  With ``REDIS_URL`` set the job goes to an RQ queue (run
``flask rq-worker``); without it, the job runs in this process once the
response has been sent (or at once, outside a request).
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from flask import current_app, has_request_context
from flask_sqlalchemy.session import Session

log = logging.getLogger(__name__)

_KEY = "storefront.after_commit"


def after_commit(func: Callable[..., Any], *args: Any) -> None:
    """Queue ``func(*args)`` to run once the current transaction commits."""
    from storefront.extensions import db

    db.session.info.setdefault(_KEY, []).append((func, args))


def run_now(func: Callable[..., Any], *args: Any) -> None:
    """Run a job here, logging (not raising) its failure: a lost e-mail must not lose an order."""
    try:
        func(*args)
    except Exception:  # noqa: BLE001 - a job's failure is logged, never shown
        log.exception("job %s failed", getattr(func, "__name__", func))


def _dispatch(jobs: list[tuple[Callable[..., Any], tuple]]) -> None:
    app = current_app._get_current_object()
    url = app.config.get("REDIS_URL")
    if url:
        from storefront.queue import enqueue

        for func, args in jobs:
            enqueue(func, *args)
        return
    if has_request_context():
        from flask import after_this_request

        def _later(response):
            def _run():
                with app.app_context():
                    for func, args in jobs:
                        run_now(func, *args)
            response.call_on_close(_run)
            return response

        after_this_request(_later)
        return
    for func, args in jobs:
        run_now(func, *args)


@sa.event.listens_for(Session, "after_commit")
def _on_commit(session: Session) -> None:
    jobs = session.info.pop(_KEY, None)
    if jobs:
        _dispatch(jobs)


@sa.event.listens_for(Session, "after_rollback")
def _on_rollback(session: Session) -> None:
    session.info.pop(_KEY, None)
