"""Approved versions of products, collections, and the revision counter on products."""
from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from storefront import clock
from storefront.catalog.models import Product, ProductPhoto
from storefront.domain.listing import REVIEWED_FIELDS
from storefront.extensions import db


class ApprovedVersion(db.Model):
    """What a product looked like when staff approved it; the queue diffs against the latest."""

    __tablename__ = "approved_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the product approved
    product_id: Mapped[int] = mapped_column(sa.ForeignKey("products.id"), index=True)
    #: the product's revision at approval
    revision: Mapped[int] = mapped_column(sa.Integer)
    #: the reviewed fields at approval, as JSON (photos as their storage keys)
    data: Mapped[dict] = mapped_column(sa.JSON)
    #: the staff member who approved it
    approved_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    #: when (UTC)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)


collection_items = sa.Table(
    "collection_items",
    db.metadata,
    #: the collection
    sa.Column("collection_id", sa.ForeignKey("collections.id"), primary_key=True),
    #: a product in it
    sa.Column("product_id", sa.ForeignKey("products.id"), primary_key=True, index=True),
    #: when staff added it; the collection lists products in this order (UTC)
    sa.Column("added_at", sa.DateTime, nullable=False, default=clock.now),
)


class Collection(db.Model):
    """A named set of products chosen by staff, e.g. "Hadiah Hari Ibu" or "Tenun NTT"."""

    __tablename__ = "collections"
    __table_args__ = (
        sa.CheckConstraint("ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on",
                           name="ends_after_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: URL name in /koleksi/<slug>
    slug: Mapped[str] = mapped_column(sa.String(80), unique=True)
    #: its name as buyers see it
    name: Mapped[str] = mapped_column(sa.String(120))
    #: one or two sentences shown on its banner on the home page
    banner: Mapped[str] = mapped_column(sa.String(300), default="")
    #: order on the home page; smaller first
    position: Mapped[int] = mapped_column(default=0)
    #: first day it is shown (Kupang date); none means from now on
    starts_on: Mapped[date | None] = mapped_column(sa.Date)
    #: last day it is shown (Kupang date); none means until staff change it
    ends_on: Mapped[date | None] = mapped_column(sa.Date)
    #: when staff made it (UTC)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    products: Mapped[list[Product]] = relationship(secondary=collection_items)


def snapshot(product: Product) -> dict:
    """The reviewed fields of a product as plain JSON values."""
    data = {}
    for name in REVIEWED_FIELDS:
        if name == "photos":
            data[name] = [photo.key for photo in product.photos]
        else:
            value = getattr(product, name)
            data[name] = value.value if hasattr(value, "value") else value
    return data


def _reviewed_change(product: Product) -> bool:
    state = sa.inspect(product)
    return any(state.attrs[name].history.has_changes() for name in REVIEWED_FIELDS)


@sa.event.listens_for(Session, "before_flush")
def _bump_revisions(session: Session, flush_context, instances) -> None:  # noqa: ARG001
    """Any change to a reviewed fact (photos included) bumps the product's revision once."""
    bumped: set[int] = set()

    def bump(product: Product | None) -> None:
        if product is not None and product.id is not None and id(product) not in bumped:
            bumped.add(id(product))
            product.revision = (product.revision or 1) + 1

    for obj in list(session.dirty):
        if isinstance(obj, Product) and _reviewed_change(obj):
            bump(obj)
    with session.no_autoflush:
        for obj in list(session.new) + list(session.dirty) + list(session.deleted):
            if isinstance(obj, ProductPhoto):
                product = obj.product or (session.get(Product, obj.product_id)
                                          if obj.product_id else None)
                if product is not None and product not in session.new:
                    bump(product)
