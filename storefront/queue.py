"""RQ, used when REDIS_URL is set."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import current_app
from redis import Redis
from rq import Queue


def redis_connection() -> Redis:
    return Redis.from_url(current_app.config["REDIS_URL"])


def queue() -> Queue:
    return Queue(current_app.config.get("RQ_QUEUE", "pasar-ibu"), connection=redis_connection())


def enqueue(func: Callable[..., Any], *args: Any) -> None:
    """Queue a job that a worker runs inside an app context (see ``run_job``)."""
    queue().enqueue(run_job, f"{func.__module__}:{func.__qualname__}", args)


def run_job(target: str, args: tuple) -> None:
    """Entry point for RQ workers: import the job function and run it in the app."""
    import importlib

    from storefront import create_app

    module, _, name = target.partition(":")
    func = getattr(importlib.import_module(module), name)
    app = current_app._get_current_object() if _has_app() else create_app()
    with app.app_context():
        func(*args)


def _has_app() -> bool:
    from flask import has_app_context

    return has_app_context()
