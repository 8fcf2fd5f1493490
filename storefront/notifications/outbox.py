"""Queue a message as a row, and send it from the job queue after the commit.

``queue_message`` inserts one ``OutboundMessage`` per (event, channel, recipient); a
repeat inserts nothing and queues nothing. ``deliver`` is the job: it claims the row
with a conditional UPDATE (queued → sending), so a second run, or a second worker,
sends nothing; it tries up to ``MAX_ATTEMPTS`` times with the delays of
``MESSAGE_RETRY_DELAYS`` between tries, then marks the message failed.
"""
from __future__ import annotations

import logging
import time

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from storefront import clock
from storefront.extensions import db
from storefront.jobs import after_commit
from storefront.notifications import channels
from storefront.notifications.delivery_models import (
    Channel,
    MessageStatus,
    OutboundMessage,
    PushSubscription,
)

log = logging.getLogger(__name__)
M = MessageStatus
#: Tries per message, the first included.
MAX_ATTEMPTS = 3


def queue_message(event: str, channel: Channel, recipient: str, payload: dict, *,
                  user_id: int | None = None, seller_order_id: int | None = None) -> int | None:
    """Store the message and send it after the commit; None when it was already queued."""
    insert = pg_insert if db.session.get_bind().dialect.name == "postgresql" else sqlite_insert
    new_id = db.session.scalar(
        insert(OutboundMessage).values(
            event=event[:120], channel=channel, recipient=recipient, payload=payload,
            user_id=user_id, seller_order_id=seller_order_id, status=M.QUEUED, attempts=0,
            provider_id="", error="", created_at=clock.now(), updated_at=clock.now())
        .on_conflict_do_nothing(index_elements=["event", "channel", "recipient"])
        .returning(OutboundMessage.id))
    if new_id is not None:
        after_commit(deliver, new_id)
    return new_id


def _claim(session: Session, message_id: int) -> OutboundMessage | None:
    claimed = session.execute(
        sa.update(OutboundMessage)
        .where(OutboundMessage.id == message_id, OutboundMessage.status == M.QUEUED,
               OutboundMessage.attempts < MAX_ATTEMPTS)
        .values(status=M.SENDING, attempts=OutboundMessage.attempts + 1, updated_at=clock.now()))
    session.commit()
    return session.get(OutboundMessage, message_id) if claimed.rowcount == 1 else None


def _finish(session: Session, message: OutboundMessage, status: MessageStatus, *,
            provider_id: str = "", error: str = "") -> None:
    message.status = status
    message.provider_id = provider_id or message.provider_id
    message.error = error[:300]
    message.updated_at = clock.now()
    session.commit()


def _payload(session: Session, message: OutboundMessage) -> dict | None:
    if message.channel != Channel.WEBPUSH:
        return message.payload
    sub = session.get(PushSubscription, int(message.recipient.removeprefix("push:")))
    if sub is None:
        return None
    return {**message.payload, "subscription": {
        "endpoint": sub.endpoint, "keys": {"p256dh": sub.p256dh, "auth": sub.auth}}}


def deliver(message_id: int) -> None:
    """The job: send one message, with retries; never raises for a provider's failure."""
    delays = tuple(current_app.config.get("MESSAGE_RETRY_DELAYS", ()))
    with Session(db.engine, expire_on_commit=False) as session:
        while (message := _claim(session, message_id)) is not None:
            adapter = channels.adapter(message.channel)
            payload = _payload(session, message)
            if payload is None or not adapter.enabled():
                _finish(session, message, M.FAILED, error="channel off or address gone")
                return
            try:
                provider_id = adapter.send(message.recipient, payload)
            except channels.Gone as exc:
                session.execute(sa.delete(PushSubscription).where(
                    PushSubscription.id == int(message.recipient.removeprefix("push:"))))
                _finish(session, message, M.FAILED, error=str(exc))
                return
            except channels.SendFailed as exc:
                last = message.attempts >= MAX_ATTEMPTS
                log.warning("message %s try %s failed: %s", message_id, message.attempts, exc)
                _finish(session, message, M.FAILED if last else M.QUEUED, error=str(exc))
                if last:
                    return
                delay = delays[min(message.attempts - 1, len(delays) - 1)] if delays else 0
                time.sleep(delay)
                continue
            _finish(session, message, M.SENT, provider_id=provider_id)
            return
