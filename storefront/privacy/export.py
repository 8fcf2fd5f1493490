"""A seller's own data, as one JSON document she can download."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from storefront.catalog.models import Product
from storefront.extensions import db
from storefront.ledger.models import LedgerEntry
from storefront.orders.models import SellerOrder
from storefront.shops.models import Shop


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def seller_export(shop: Shop) -> dict:
    """Her account, shop, products, orders (her part only, no buyer contact) and ledger."""
    owner = shop.owner
    products = db.session.scalars(sa.select(Product).where(Product.shop_id == shop.id)
                                  .order_by(Product.id)).all()
    parts = db.session.scalars(
        sa.select(SellerOrder).where(SellerOrder.shop_id == shop.id).order_by(SellerOrder.id)
        .options(joinedload(SellerOrder.order), selectinload(SellerOrder.lines))).unique().all()
    entries = db.session.scalars(sa.select(LedgerEntry).where(LedgerEntry.shop_id == shop.id)
                                 .order_by(LedgerEntry.id)).all()
    return {
        "account": {"name": owner.name, "phone": owner.phone, "email": owner.email,
                    "created_at": _iso(owner.created_at)},
        "shop": {"name": shop.name, "slug": shop.slug, "story": shop.story,
                 "story_public": shop.story_public, "area": shop.area, "whatsapp": shop.whatsapp,
                 "pickup_address": shop.pickup_address, "status": str(shop.status),
                 "on_holiday": shop.on_holiday, "created_at": _iso(shop.created_at),
                 "verified_at": _iso(shop.verified_at)},
        "products": [{"name": p.name, "slug": p.slug, "description": p.description,
                      "price": p.price, "status": str(p.status), "stock": p.stock,
                      "made_to_order": p.made_to_order, "created_at": _iso(p.created_at)}
                     for p in products],
        "orders": [{"number": part.order.number, "status": str(part.status), "total": part.total,
                    "created_at": _iso(part.created_at),
                    "lines": [{"product": line.product_name, "unit_price": line.unit_price,
                               "quantity": line.quantity} for line in part.lines]}
                   for part in parts],
        "ledger": [{"kind": str(e.kind), "amount": e.amount, "created_at": _iso(e.created_at)}
                   for e in entries],
    }
