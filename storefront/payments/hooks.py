"""What the rest of the app hears about payments, without payments importing it.

The orders feature registers handlers at start-up, e.g.
``hooks.register("paid", orders.services.mark_paid)``.  Each handler is called
with the order id, inside the same transaction as the payment change, exactly
once per change; it must flush, never commit.  With nothing registered the
events are simply not heard.
"""
from __future__ import annotations

from collections.abc import Callable

#: paid: the money is in; expired: the buyer did not pay in time; failed: the provider
#: or staff refused it; needs_refund: money arrived too late and must go back.
EVENTS = ("paid", "expired", "failed", "needs_refund")

_handlers: dict[str, list[Callable[[int], None]]] = {name: [] for name in EVENTS}


def register(event: str, handler: Callable[[int], None]) -> None:
    """Call ``handler(order_id)`` whenever a payment reaches ``event``."""
    if event not in _handlers:
        raise KeyError(event)
    if handler not in _handlers[event]:
        _handlers[event].append(handler)


def unregister(event: str, handler: Callable[[int], None]) -> None:
    if handler in _handlers[event]:
        _handlers[event].remove(handler)


def emit(event: str, order_id: int) -> None:
    for handler in list(_handlers[event]):
        handler(order_id)


def on_paid(order_id: int) -> None:
    emit("paid", order_id)


def on_expired(order_id: int) -> None:
    emit("expired", order_id)


def on_failed(order_id: int) -> None:
    emit("failed", order_id)


def on_needs_refund(order_id: int) -> None:
    emit("needs_refund", order_id)
