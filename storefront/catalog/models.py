"""What sellers list: categories, products and their photos."""
from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storefront import clock
from storefront.dbtypes import enum_type
from storefront.domain.listing import ListingStatus
from storefront.extensions import db
from storefront.shops.models import Shop


class CategoryKind(enum.StrEnum):
    #: edible: PIRT number, halal status, shelf life and allergens apply
    FOOD = "food"
    #: handmade goods: material and size apply
    CRAFT = "craft"


class HalalStatus(enum.StrEnum):
    #: certified halal by BPJPH/MUI
    CERTIFIED = "certified"
    #: no pork or alcohol, but not certified
    NO_PORK = "no_pork"
    #: contains pork (e.g. se'i babi), shown clearly to buyers
    CONTAINS_PORK = "contains_pork"
    #: the seller has not said
    UNKNOWN = "unknown"


class Category(db.Model):
    __tablename__ = "categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: URL name in /kategori/<slug>
    slug: Mapped[str] = mapped_column(sa.String(60), unique=True)
    #: name in Bahasa Indonesia
    name_id: Mapped[str] = mapped_column(sa.String(80))
    #: name in English
    name_en: Mapped[str] = mapped_column(sa.String(80))
    #: food or craft: decides which product facts are asked
    kind: Mapped[CategoryKind] = mapped_column(enum_type(CategoryKind))
    #: order on the home page and in menus
    position: Mapped[int] = mapped_column(default=0)

    def name(self, locale: str) -> str:
        return self.name_en if locale == "en" else self.name_id


class Product(db.Model):
    __tablename__ = "products"
    __table_args__ = (
        sa.CheckConstraint("price >= 0", name="price_not_negative"),
        sa.CheckConstraint("stock IS NULL OR stock >= 0", name="stock_not_negative"),
        sa.CheckConstraint(
            "(made_to_order AND lead_days IS NOT NULL AND daily_capacity IS NOT NULL)"
            " OR (NOT made_to_order AND stock IS NOT NULL)",
            name="stock_or_made_to_order",
        ),
        sa.Index("ix_products_status_created", "status", "created_at"),
        sa.Index("ix_products_featured_approved", "featured", "approved_at"),
        # category pages sorted by newest or by price (filter form, issue 19)
        sa.Index("ix_products_category_created", "category_id", "created_at"),
        sa.Index("ix_products_category_price", "category_id", "price"),
        # on PostgreSQL a trigram index makes substring search fast (see migrations)
        sa.Index("ix_products_search_text", "search_text", postgresql_using="gin",
                 postgresql_ops={"search_text": "gin_trgm_ops"}),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the shop that sells it
    shop_id: Mapped[int] = mapped_column(sa.ForeignKey("shops.id"), index=True)
    #: its category; decides food or craft facts
    category_id: Mapped[int] = mapped_column(sa.ForeignKey("categories.id"), index=True)
    #: URL name in /produk/<slug>; unique across the marketplace
    slug: Mapped[str] = mapped_column(sa.String(120), unique=True)
    #: the product's name as buyers see it
    name: Mapped[str] = mapped_column(sa.String(120))
    #: what it is, how it is made, how big a portion is
    description: Mapped[str] = mapped_column(sa.Text, default="")
    #: price in whole rupiah
    price: Mapped[int] = mapped_column(sa.Integer)
    #: made to order (no stock count) instead of sold from stock
    made_to_order: Mapped[bool] = mapped_column(default=False)
    #: units ready to sell; NULL for made-to-order products
    stock: Mapped[int | None] = mapped_column(sa.Integer)
    #: days she needs to make it, for made-to-order products
    lead_days: Mapped[int | None] = mapped_column(sa.Integer)
    #: how many she can make in one day, for made-to-order products
    daily_capacity: Mapped[int | None] = mapped_column(sa.Integer)
    #: where it is in curation; only APPROVED is public
    status: Mapped[ListingStatus] = mapped_column(
        enum_type(ListingStatus), default=ListingStatus.DRAFT)
    #: a staff pick, shown first on the home page
    featured: Mapped[bool] = mapped_column(default=False)
    #: bumped whenever a reviewed fact changes, so a review decision applies to what staff saw
    revision: Mapped[int] = mapped_column(default=1, server_default="1")
    #: staff's reason when they asked for changes; shown to the seller
    review_reason: Mapped[str] = mapped_column(sa.Text, default="")
    #: food: PIRT home-industry licence number (P-IRT No. …)
    pirt_number: Mapped[str] = mapped_column(sa.String(40), default="")
    #: food: the PIRT application is in process (allowed instead of a number)
    pirt_in_process: Mapped[bool] = mapped_column(default=False)
    #: food: halal status as declared by the seller
    halal_status: Mapped[HalalStatus | None] = mapped_column(enum_type(HalalStatus))
    #: food: days it keeps from the day it is made
    shelf_life_days: Mapped[int | None] = mapped_column(sa.Integer)
    #: food: allergens in plain words ("kacang tanah, telur")
    allergens: Mapped[str] = mapped_column(sa.String(200), default="")
    #: craft: material ("benang kapas, pewarna alami")
    material: Mapped[str] = mapped_column(sa.String(200), default="")
    #: craft: size ("180 × 50 cm")
    size: Mapped[str] = mapped_column(sa.String(100), default="")
    #: folded words and stems of name, description and shop name (catalog.search_index)
    search_text: Mapped[str] = mapped_column(sa.Text, default="")
    #: folded words and stems of the name alone, to rank name matches first
    search_name: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    #: folded words and stems of the shop's name, to rank shop matches second
    search_shop: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    #: when it was created (UTC)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    #: last change by anyone (UTC)
    updated_at: Mapped[datetime] = mapped_column(default=clock.now, onupdate=clock.now)
    #: when it last entered the review queue (UTC); the queue is oldest first
    submitted_at: Mapped[datetime | None] = mapped_column()
    #: when staff last approved it (UTC)
    approved_at: Mapped[datetime | None] = mapped_column()

    shop: Mapped[Shop] = relationship()
    category: Mapped[Category] = relationship()
    photos: Mapped[list[ProductPhoto]] = relationship(
        order_by="ProductPhoto.position", cascade="all, delete-orphan",
        back_populates="product")

    @property
    def cover(self) -> ProductPhoto | None:
        return self.photos[0] if self.photos else None

    @property
    def in_stock(self) -> bool:
        return self.made_to_order or (self.stock or 0) > 0

    @property
    def is_food(self) -> bool:
        return self.category.kind == CategoryKind.FOOD


class ProductPhoto(db.Model):
    __tablename__ = "product_photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the product shown
    product_id: Mapped[int] = mapped_column(sa.ForeignKey("products.id"), index=True)
    #: storage key; the files are <key>-thumb.webp, -card.webp and -full.webp
    key: Mapped[str] = mapped_column(sa.String(120))
    #: order among the product's photos; 0 is the cover
    position: Mapped[int] = mapped_column(default=0)
    #: width of the full-size image, in pixels
    width: Mapped[int] = mapped_column(sa.Integer)
    #: height of the full-size image, in pixels
    height: Mapped[int] = mapped_column(sa.Integer)

    product: Mapped[Product] = relationship(back_populates="photos")
