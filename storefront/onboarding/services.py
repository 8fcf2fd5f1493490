"""Onboarding a seller and issuing her a new password link. Flushes, never commits."""
from __future__ import annotations

import sqlalchemy as sa

from storefront import clock
from storefront.accounts.models import Role, TokenPurpose, User
from storefront.accounts.services import create_user, find_by_login, issue_token
from storefront.audit.services import record
from storefront.extensions import db
from storefront.shops.models import ContactChoice, Shop
from storefront.shops.services import create_shop


class NotASeller(LookupError):
    """No seller account has this phone number."""


def onboard_seller(staff: User, *, name: str, phone: str, shop_name: str, area: str,
                   story_public: bool,
                   contact: ContactChoice = ContactChoice.HIDDEN) -> tuple[Shop, str]:
    """Her account (no password yet), her shop and an invitation; returns the raw token.

    Raises ``AccountExists`` when the phone already has an account.
    """
    seller = create_user(name, None, Role.SELLER, phone=phone)
    shop = create_shop(seller, shop_name, area, story_public=story_public, contact=contact)
    # staff check she is a beneficiary in person; only who vouched and when is kept
    shop.verified_by_id, shop.verified_at = staff.id, clock.now()
    raw = issue_token(seller, TokenPurpose.INVITE, staff)
    record(staff, "seller.invite", shop_id=shop.id)
    db.session.flush()
    return shop, raw


def new_reset_link(staff: User, phone: str) -> tuple[Shop, str]:
    """A fresh set-password link for the seller with this phone; older links stop working."""
    seller = find_by_login(phone)
    if seller is None or seller.role != Role.SELLER:
        raise NotASeller(phone)
    shop = db.session.scalar(sa.select(Shop).where(Shop.owner_id == seller.id))
    if shop is None:
        raise NotASeller(phone)
    raw = issue_token(seller, TokenPurpose.RESET, staff)
    record(staff, "seller.reset_link", shop_id=shop.id)
    db.session.flush()
    return shop, raw
