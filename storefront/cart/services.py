"""The cart's contents: kept in the session or the database, read back priced from the database.

Both stores hold, per product, the quantity and the price she saw when she added it.
The delivery choice (her kecamatan, and pickup or delivery per shop) lives in the session.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import session
from sqlalchemy.orm import contains_eager, selectinload

from storefront.accounts.models import User
from storefront.cart.models import CartItem
from storefront.catalog.models import Product
from storefront.delivery.services import fees_to
from storefront.domain.areas import KOTA_KUPANG
from storefront.domain.listing import ListingStatus
from storefront.domain.stock import MAX_LINE_QUANTITY, cap_quantity
from storefront.extensions import db
from storefront.orders.models import Fulfilment
from storefront.pickup import checkout_hooks as pickup_hooks
from storefront.shops.models import Shop

SESSION_KEY = "cart"
CHOICE_KEY = "cart_choice"
#: Most different products one cart may hold.
MAX_LINES = 50


class BadQuantity(ValueError):
    """A quantity that is not a whole number."""


class NotForSale(ValueError):
    """The product does not exist, is not public, or its shop is closed."""


class CartFull(ValueError):
    """Too many different products in one cart."""


def parse_quantity(text: str | None) -> int:
    """A whole number as typed; anything else raises ``BadQuantity`` (range is checked later)."""
    raw = (text or "").strip()
    if not raw or len(raw) > 12 or not raw.lstrip("-").isdigit() or not raw.isascii():
        raise BadQuantity(text)
    return int(raw)


class SessionStore:
    """A guest's cart: ``{"<product id>": [quantity, price seen]}`` in the signed session."""

    def items(self) -> dict[int, tuple[int, int]]:
        raw = session.get(SESSION_KEY) or {}
        out = {}
        for key, value in raw.items():
            try:
                out[int(key)] = (int(value[0]), int(value[1]))
            except (TypeError, ValueError, IndexError):
                continue
        return out

    def put(self, product_id: int, quantity: int, price_seen: int) -> None:
        raw = dict(session.get(SESSION_KEY) or {})
        raw[str(product_id)] = [quantity, price_seen]
        session[SESSION_KEY] = raw

    def remove(self, product_id: int) -> None:
        raw = dict(session.get(SESSION_KEY) or {})
        raw.pop(str(product_id), None)
        session[SESSION_KEY] = raw

    def clear(self) -> None:
        session.pop(SESSION_KEY, None)


class DbStore:
    """A logged-in buyer's cart, in ``cart_items``."""

    def __init__(self, user_id: int):
        self.user_id = user_id

    def _rows(self) -> dict[int, CartItem]:
        rows = db.session.scalars(sa.select(CartItem).where(CartItem.user_id == self.user_id))
        return {row.product_id: row for row in rows}

    def items(self) -> dict[int, tuple[int, int]]:
        return {pid: (row.quantity, row.price_seen) for pid, row in self._rows().items()}

    def put(self, product_id: int, quantity: int, price_seen: int) -> None:
        row = self._rows().get(product_id)
        if row is None:
            db.session.add(CartItem(user_id=self.user_id, product_id=product_id,
                                    quantity=quantity, price_seen=price_seen))
        else:
            row.quantity, row.price_seen = quantity, price_seen
        db.session.flush()

    def remove(self, product_id: int) -> None:
        db.session.execute(sa.delete(CartItem).where(CartItem.user_id == self.user_id,
                                                     CartItem.product_id == product_id))

    def clear(self) -> None:
        db.session.execute(sa.delete(CartItem).where(CartItem.user_id == self.user_id))


def store_for(user) -> SessionStore | DbStore:
    if user is not None and getattr(user, "is_authenticated", False):
        return DbStore(user.id)
    return SessionStore()


def orderable(product_ids) -> dict[int, Product]:
    """Approved products of shops that are active, with their shop (one query)."""
    ids = list(product_ids)
    if not ids:
        return {}
    rows = db.session.scalars(
        sa.select(Product).join(Product.shop)
        .where(Product.id.in_(ids), Product.status == ListingStatus.APPROVED)
        .options(contains_eager(Product.shop), selectinload(Product.photos))
    ).unique()
    return {p.id: p for p in rows if p.shop.is_active}


def limit_for(product: Product) -> int:
    return cap_quantity(MAX_LINE_QUANTITY, product.stock, product.daily_capacity)


def add(store, product_id: int, quantity: int) -> tuple[Product, int, bool]:
    """Add to the cart; returns the product, the quantity now in the cart, and if it was capped."""
    product = orderable([product_id]).get(product_id)
    if product is None or not product.shop.takes_orders:
        raise NotForSale(product_id)
    items = store.items()
    if product_id not in items and len(items) >= MAX_LINES:
        raise CartFull
    if quantity < 1:
        raise BadQuantity(quantity)
    wanted = items.get(product_id, (0, 0))[0] + min(quantity, MAX_LINE_QUANTITY)
    final = cap_quantity(wanted, product.stock, product.daily_capacity)
    if final < 1:
        raise NotForSale(product_id)
    store.put(product_id, final, product.price)
    return product, final, final < wanted


def set_quantity(store, product_id: int, quantity: int) -> tuple[int, bool]:
    """Change a line; 0 removes it. Returns the quantity kept and whether it was capped."""
    items = store.items()
    if product_id not in items:
        raise NotForSale(product_id)
    if quantity < 0:
        raise BadQuantity(quantity)
    if quantity == 0:
        store.remove(product_id)
        return 0, False
    product = orderable([product_id]).get(product_id)
    if product is None:
        store.remove(product_id)
        raise NotForSale(product_id)
    final = cap_quantity(quantity, product.stock, product.daily_capacity)
    if final < 1:
        store.remove(product_id)
        return 0, True
    store.put(product_id, final, items[product_id][1])
    return final, final < quantity


def see_prices(store) -> None:
    """She has now seen today's prices: remember them as the prices she agreed to."""
    products = orderable(store.items())
    for pid, (qty, _seen) in store.items().items():
        if pid in products:
            store.put(pid, qty, products[pid].price)


def merge(user: User) -> None:
    """On login: move the guest cart into her saved cart (quantities added, then capped)."""
    guest = SessionStore()
    items = guest.items()
    if not items:
        return
    saved = DbStore(user.id)
    current = saved.items()
    products = orderable(items)
    for pid, (qty, seen) in items.items():
        product = products.get(pid)
        if product is None:
            continue
        total = current.get(pid, (0, 0))[0] + qty
        final = cap_quantity(total, product.stock, product.daily_capacity)
        if final > 0:
            saved.put(pid, final, current.get(pid, (0, seen))[1])
    guest.clear()


# ---- choices and the priced view -------------------------------------------------------

def choice() -> dict:
    raw = session.get(CHOICE_KEY) or {}
    area = raw.get("area") if raw.get("area") in KOTA_KUPANG else ""
    modes = {str(k): v for k, v in (raw.get("modes") or {}).items() if _valid_mode(v)}
    return {"area": area, "modes": modes}


def set_choice(area: str | None, modes: dict[str, str]) -> None:
    current = choice()
    if area is not None:
        current["area"] = area if area in KOTA_KUPANG else ""
    for shop_id, mode in modes.items():
        if _valid_mode(mode):
            current["modes"][str(shop_id)] = mode
    session[CHOICE_KEY] = current


def _valid_mode(mode) -> bool:
    """pickup, delivery, or a pickup point as "point:<id>" (pickup points feature)."""
    if mode in (Fulfilment.PICKUP.value, Fulfilment.DELIVERY.value):
        return True
    return isinstance(mode, str) and pickup_hooks.point_id_of(mode) is not None


@dataclass
class CartLine:
    product: Product
    quantity: int
    price_seen: int
    #: the most she may take (stock, or a day's capacity)
    limit: int

    @property
    def price_changed(self) -> bool:
        return self.price_seen != self.product.price

    @property
    def total(self) -> int:
        return self.product.price * self.quantity


@dataclass
class ShopGroup:
    shop: Shop
    lines: list[CartLine] = field(default_factory=list)
    fulfilment: Fulfilment = Fulfilment.PICKUP
    #: her fee to the chosen kecamatan, or None if she does not deliver there
    delivery_fee: int | None = None
    #: the pickup points where she drops off, and the one chosen (pickup points feature)
    pickup_points: list = field(default_factory=list)
    pickup_point: object | None = None

    @property
    def subtotal(self) -> int:
        return sum(line.total for line in self.lines)

    @property
    def fee(self) -> int:
        return (self.delivery_fee or 0) if self.fulfilment == Fulfilment.DELIVERY else 0

    @property
    def total(self) -> int:
        return self.subtotal + self.fee

    @property
    def made_to_order(self) -> bool:
        return any(line.product.made_to_order for line in self.lines)

    @property
    def lead_days(self) -> int:
        return max((line.product.lead_days or 0 for line in self.lines
                    if line.product.made_to_order), default=0)


@dataclass
class CartView:
    groups: list[ShopGroup]
    area: str
    #: names of products that were taken out because they are no longer for sale
    dropped: list[int] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(group.total for group in self.groups)

    @property
    def count(self) -> int:
        return sum(line.quantity for group in self.groups for line in group.lines)

    @property
    def needs_address(self) -> bool:
        return any(group.fulfilment == Fulfilment.DELIVERY for group in self.groups)

    @property
    def price_changes(self) -> list[CartLine]:
        return [line for group in self.groups for line in group.lines if line.price_changed]


def view(store) -> CartView:
    """The cart priced from the database, grouped by shop; lines no longer for sale drop out."""
    items = store.items()
    products = orderable(items)
    chosen = choice()
    groups: dict[int, ShopGroup] = {}
    dropped = []
    for pid, (qty, seen) in items.items():
        product = products.get(pid)
        if product is None:
            store.remove(pid)
            dropped.append(pid)
            continue
        limit = limit_for(product)
        group = groups.setdefault(product.shop_id, ShopGroup(shop=product.shop))
        group.lines.append(CartLine(product, min(qty, limit) if limit else qty, seen, limit))
    fees = fees_to(chosen["area"], groups)
    for shop_id, group in groups.items():
        group.delivery_fee = fees.get(shop_id)
        wants_delivery = chosen["modes"].get(str(shop_id)) == Fulfilment.DELIVERY.value
        if wants_delivery and group.delivery_fee is not None:
            group.fulfilment = Fulfilment.DELIVERY
    pickup_hooks.fill_cart_points(groups, chosen["modes"])  # pickup points feature
    return CartView(groups=list(groups.values()), area=chosen["area"], dropped=dropped)
