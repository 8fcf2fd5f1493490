"""Read-only queries for the public list of shops (/toko/)."""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from storefront.catalog.models import Category, Product
from storefront.domain.listing import ListingStatus
from storefront.extensions import db
from storefront.shops.models import Shop, ShopStatus


@dataclass(frozen=True)
class ShopCard:
    shop: Shop
    #: names of the categories of her public products, most products first
    makes: list[str]
    #: the first line of her story, only when she agreed that it is shown
    story_line: str


def first_line(story: str | None) -> str:
    """Her story's first line (or first sentence, when it is one long line), at most 160 characters."""
    line = (story or "").strip().splitlines()[0].strip() if (story or "").strip() else ""
    return line if len(line) <= 160 else line[:159].rsplit(" ", 1)[0] + "…"


def directory(locale: str) -> list[ShopCard]:
    """Active shops by name, each with what she makes; two queries however many shops."""
    shops = list(db.session.scalars(
        sa.select(Shop).where(Shop.status == ShopStatus.ACTIVE).order_by(Shop.name, Shop.id)))
    name = Category.name_en if locale == "en" else Category.name_id
    rows = db.session.execute(
        sa.select(Product.shop_id, name, sa.func.count(Product.id))
        .join(Product.category)
        .where(Product.status == ListingStatus.APPROVED,
               Product.shop_id.in_([s.id for s in shops]))
        .group_by(Product.shop_id, name)
        .order_by(sa.func.count(Product.id).desc(), name)).all()
    makes: dict[int, list[str]] = {}
    for shop_id, category, _count in rows:
        makes.setdefault(shop_id, []).append(category)
    return [ShopCard(shop, makes.get(shop.id, []),
                     first_line(shop.story) if shop.story_public else "") for shop in shops]
