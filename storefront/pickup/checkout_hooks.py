"""Where pickup points plug into the cart and checkout: small hooks, kept out of their code."""
from __future__ import annotations

from collections.abc import Mapping

from storefront.domain.numbers import parse_id
from storefront.orders.models import Fulfilment, Order
from storefront.pickup import services

PREFIX = "point:"


def point_id_of(mode: str) -> int | None:
    """``"point:7"`` → 7; anything else → None."""
    if not mode.startswith(PREFIX):
        return None
    return parse_id(mode[len(PREFIX):])


def fill_cart_points(groups: Mapping[int, object], modes: Mapping[str, str]) -> None:
    """Give each shop group her active points, and the one the buyer chose if still offered."""
    by_shop = services.points_of_shops(groups)
    for shop_id, group in groups.items():
        group.pickup_points = by_shop.get(shop_id, [])
        wanted = point_id_of(modes.get(str(shop_id), ""))
        chosen = next((p for p in group.pickup_points if p.id == wanted), None)
        if chosen is not None:
            group.fulfilment = Fulfilment.PICKUP
            group.pickup_point = chosen


def route_to_points(order: Order, point_ids: Mapping[int, int | None]) -> None:
    """After the parts are made: send each chosen shop's part to her pickup point.

    Raises ``services.PointNotOffered`` when she no longer drops off there.
    """
    for part in order.parts:
        point_id = point_ids.get(part.shop_id)
        if point_id and part.fulfilment == Fulfilment.PICKUP:
            services.send_to_point(order, part, point_id)
