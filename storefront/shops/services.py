"""Creating a shop and changing its profile. Flushes, never commits."""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from storefront.accounts.models import User
from storefront.domain.areas import is_known_area
from storefront.domain.phone import normalise_phone
from storefront.domain.slugs import slugify, unique_slug
from storefront.extensions import db
from storefront.jobs import after_commit
from storefront.media.images import Rendition
from storefront.media.storage import delete_photo, store_renditions
from storefront.shops.models import ContactChoice, Shop


class UnknownArea(ValueError):
    """An area that is not in ``domain.areas``."""


def _free_slug(name: str) -> str:
    base = slugify(name, max_length=70)
    taken = set(db.session.scalars(sa.select(Shop.slug).where(Shop.slug.like(f"{base}%"))))
    return unique_slug(base, taken)


def create_shop(owner: User, name: str, area: str, *, story_public: bool,
                contact: ContactChoice = ContactChoice.HIDDEN) -> Shop:
    """Her shop; her login number is never made public by itself (``contact`` is her choice)."""
    if not is_known_area(area):
        raise UnknownArea(area)
    shop = Shop(owner_id=owner.id, slug=_free_slug(name), name=name.strip(), area=area,
                story_public=story_public, contact=contact)
    db.session.add(shop)
    db.session.flush()
    return shop


def update_profile(shop: Shop, *, name: str, story: str, area: str, whatsapp: str | None,
                   pickup_address: str, on_holiday: bool,
                   photo: list[Rendition] | None = None, holiday_until: date | None = None,
                   contact: ContactChoice | None = None) -> Shop:
    """Change her profile; a new photo (already rendered) replaces the old one."""
    if not is_known_area(area):
        raise UnknownArea(area)
    shop.name = name.strip()
    shop.story = story.strip()
    shop.area = area
    shop.whatsapp = normalise_phone(whatsapp) if whatsapp and whatsapp.strip() else None
    shop.pickup_address = pickup_address.strip()
    shop.on_holiday = on_holiday
    shop.holiday_until = holiday_until if on_holiday else None
    if contact is not None:
        shop.contact = contact
    if photo:
        old = shop.photo_key
        shop.photo_key, _full = store_renditions(photo, f"shops/{shop.id}")
        if old:
            after_commit(delete_photo, old)
    db.session.flush()
    return shop
