"""What every channel adapter is: send one stored message, or say why not."""
from __future__ import annotations

from typing import Protocol


class SendFailed(Exception):
    """The provider did not take the message; another try may work."""


class Gone(SendFailed):
    """The address is gone for good (a push subscription answered 404/410)."""


class ChannelAdapter(Protocol):
    def enabled(self) -> bool:
        """True when the settings let this channel send."""

    def send(self, recipient: str, payload: dict) -> str:
        """Send; return the provider's message id (may be empty)."""
