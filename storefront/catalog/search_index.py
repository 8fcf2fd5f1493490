"""Keep ``Product.search_text`` in step with the product and its shop's name.

Search matches words against this one lower-cased column, which PostgreSQL
indexes with trigrams (pg_trgm) so ``LIKE '%word%'`` stays fast on a large
catalog; SQLite scans it, which is fine at its scale.
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from storefront.catalog.models import Product
from storefront.shops.models import Shop


def search_text(name: str, description: str, shop_name: str) -> str:
    return " ".join([name or "", description or "", shop_name or ""]).lower()


def _renamed(shop: Shop) -> bool:
    return sa.inspect(shop).attrs.name.history.has_changes()


@sa.event.listens_for(Session, "before_flush")
def _refresh(session: Session, _context, _instances) -> None:
    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, Product):
            shop = obj.shop if obj.shop is not None else session.get(Shop, obj.shop_id)
            obj.search_text = search_text(obj.name, obj.description, shop.name if shop else "")
        elif isinstance(obj, Shop) and obj.id is not None and _renamed(obj):
            session.execute(
                sa.update(Product).where(Product.shop_id == obj.id).values(
                    search_text=sa.func.lower(
                        Product.name + " " + Product.description + " " + sa.literal(obj.name))),
                execution_options={"synchronize_session": False})


def _renamed(shop: Shop) -> bool:
    return sa.inspect(shop).attrs.name.history.has_changes()
