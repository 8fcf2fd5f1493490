"""Staff decisions on products and shops. Flushes, never commits.

Every decision writes an audit entry and, where the seller should know,
a notification with a ready WhatsApp link.
"""
from __future__ import annotations

import sqlalchemy as sa
from flask import url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from storefront.accounts.models import User
from storefront.audit.services import record
from storefront.catalog.listing_services import move
from storefront.catalog.models import Product
from storefront.curation.models import ApprovedVersion, snapshot
from storefront.domain.curation import check_food_rules, check_still_as_seen
from storefront.domain.listing import ListingStatus
from storefront.extensions import db
from storefront.notifications.models import Notification
from storefront.notifications.services import notify
from storefront.shops.models import Shop, ShopStatus

#: Sellers read their messages in Indonesian, the programme's language.
SELLER_LOCALE = "id"


class AlreadyInThatState(ValueError):
    """The shop is already suspended (or already active)."""


def _locked_product(product_id: int) -> Product | None:
    """The product, re-read and locked for the decision (PostgreSQL locks the row)."""
    return db.session.scalar(
        sa.select(Product).where(Product.id == product_id).with_for_update()
        .execution_options(populate_existing=True))


def _tell_seller(shop: Shop, text: str) -> Notification:
    owner = db.session.get(User, shop.owner_id)
    note = notify(owner, text, link=url_for("notifications.index"))
    db.session.flush()
    return note


def approve(staff: User, product_id: int, seen_revision: int) -> Notification:
    """Approve the version staff looked at; raises NotPending, EditedMeanwhile or FoodRulesNotMet."""
    product = _locked_product(product_id)
    if product is None:
        raise LookupError(product_id)
    check_still_as_seen(product.status, product.revision, seen_revision)
    check_food_rules(product.is_food, product.pirt_number, product.pirt_in_process,
                     product.shelf_life_days)
    move(product, ListingStatus.APPROVED)
    db.session.add(ApprovedVersion(product_id=product.id, revision=product.revision,
                                   data=snapshot(product), approved_by_id=staff.id))
    record(staff, "product.approve", shop_id=product.shop_id, product_id=product.id)
    with force_locale(SELLER_LOCALE):
        text = _("Good news: %(name)s is approved and buyers can now see it on Pasar Ibu.",
                 name=product.name)
    return _tell_seller(product.shop, text)


def request_changes(staff: User, product_id: int, seen_revision: int, reason: str) -> Notification:
    """Send the product back to its seller with a reason; raises NotPending or EditedMeanwhile."""
    product = _locked_product(product_id)
    if product is None:
        raise LookupError(product_id)
    check_still_as_seen(product.status, product.revision, seen_revision)
    move(product, ListingStatus.CHANGES_REQUESTED)
    product.review_reason = reason.strip()
    record(staff, "product.request_changes", shop_id=product.shop_id, product_id=product.id,
           reason=product.review_reason)
    with force_locale(SELLER_LOCALE):
        text = _("Please change %(name)s before it can be sold: %(reason)s. "
                 "Then send it for review again.", name=product.name,
                 reason=product.review_reason)
    return _tell_seller(product.shop, text)


def set_featured(staff: User, product: Product, featured: bool) -> None:
    product.featured = featured
    record(staff, "product.feature" if featured else "product.unfeature",
           shop_id=product.shop_id, product_id=product.id)
    db.session.flush()


def suspend(staff: User, shop: Shop, reason: str) -> Notification:
    """Hide every product of the shop at once and pause its orders."""
    if shop.status == ShopStatus.SUSPENDED:
        raise AlreadyInThatState(shop.status)
    shop.status = ShopStatus.SUSPENDED
    record(staff, "shop.suspend", shop_id=shop.id, reason=reason.strip())
    with force_locale(SELLER_LOCALE):
        text = _("Your shop %(name)s is paused by the programme staff: %(reason)s. "
                 "Your products are hidden until staff open it again.", name=shop.name,
                 reason=reason.strip())
    return _tell_seller(shop, text)


def reinstate(staff: User, shop: Shop, reason: str = "") -> Notification:
    """Open a suspended shop again: its approved products are public at once."""
    if shop.status == ShopStatus.ACTIVE:
        raise AlreadyInThatState(shop.status)
    shop.status = ShopStatus.ACTIVE
    record(staff, "shop.reinstate", shop_id=shop.id, reason=reason.strip())
    with force_locale(SELLER_LOCALE):
        text = _("Your shop %(name)s is open again. Buyers can see your products.",
                 name=shop.name)
    return _tell_seller(shop, text)
