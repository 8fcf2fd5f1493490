"""Checks behind /readyz: may this app server take traffic?"""
from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import current_app

from storefront.extensions import db


def database_at_head() -> bool:
    migrate = current_app.extensions["migrate"]
    script = ScriptDirectory.from_config(migrate.migrate.get_config(migrate.directory))
    try:
        with db.engine.connect() as conn:
            current = set(MigrationContext.configure(conn).get_current_heads())
    except sa.exc.SQLAlchemyError:
        return False
    return current == set(script.get_heads())


def redis_answers() -> bool:
    url = current_app.config.get("REDIS_URL")
    if not url:
        return True
    from redis import Redis
    from redis.exceptions import RedisError

    try:
        return bool(Redis.from_url(url, socket_timeout=1).ping())
    except RedisError:
        return False


def media_writable() -> bool:
    """A probe file can be written and deleted in the media store (folder or bucket)."""
    from storefront.media.storage import StorageError, storage

    name = f"readyz/{secrets.token_hex(4)}.txt"
    store = storage()
    try:
        store.put(name, b"ok", "text/plain")
        store.delete(name)
    except StorageError:
        return False
    return True


def run_checks() -> dict[str, bool]:
    return {"database": database_at_head(), "redis": redis_answers(), "media": media_writable()}
