"""One seam for every way a message leaves the shop: e-mail, WhatsApp, web push.

Each adapter sends one stored message (its recipient and payload) and returns the
provider's id for it, or raises ``SendFailed`` (worth another try) or ``Gone`` (the
address no longer exists: never try again). In-app notices need no adapter: the
``Notification`` row is the message.
"""
from __future__ import annotations

from flask import current_app

from storefront.notifications.channels.base import ChannelAdapter, Gone, SendFailed
from storefront.notifications.channels.email import EmailChannel
from storefront.notifications.channels.webpush import WebPushChannel
from storefront.notifications.channels.whatsapp import WhatsAppChannel
from storefront.notifications.delivery_models import Channel

__all__ = ["ChannelAdapter", "Gone", "SendFailed", "adapter", "enabled"]

_ADAPTERS = {Channel.EMAIL: EmailChannel, Channel.WHATSAPP: WhatsAppChannel,
             Channel.WEBPUSH: WebPushChannel}


def adapter(channel: Channel) -> ChannelAdapter:
    return _ADAPTERS[channel](current_app.config)


def enabled(channel: Channel) -> bool:
    return adapter(channel).enabled()
