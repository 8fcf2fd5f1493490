"""Words for channels and message statuses, in the reader's language."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from storefront.notifications.delivery_models import Channel, MessageStatus

CHANNELS = {Channel.EMAIL: _l("E-mail"), Channel.WHATSAPP: _l("WhatsApp"),
            Channel.WEBPUSH: _l("Phone notification")}
STATUSES = {
    MessageStatus.QUEUED: _l("Waiting to be sent"), MessageStatus.SENDING: _l("Sending"),
    MessageStatus.SENT: _l("Sent"), MessageStatus.DELIVERED: _l("Delivered"),
    MessageStatus.READ: _l("Read"), MessageStatus.FAILED: _l("Failed"),
}


def channel_label(channel: Channel) -> str:
    return str(CHANNELS[channel])


def message_status_label(status: MessageStatus) -> str:
    return str(STATUSES[status])
