"""Give, revoke and look up a seller's consent to a mentor's help. Flushes, never commits."""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from storefront import clock
from storefront.accounts.models import Role, User
from storefront.assist.models import AssistConsent, ConsentChannel
from storefront.audit.services import record
from storefront.domain.assist import consent_end
from storefront.extensions import db
from storefront.shops.models import Shop

#: The staff permission that makes someone a mentor.
MENTOR = "mentor"


class NotAMentor(ValueError):
    """The person chosen is not an enabled staff member with the mentor permission."""


class NotASeller(ValueError):
    """Only a seller with a shop can give consent."""


class AlreadyRevoked(ValueError):
    """The consent was already taken back."""


def is_mentor(user: User | None) -> bool:
    return bool(user and user.is_authenticated and user.role == Role.STAFF and user.is_enabled
                and user.has_permission(MENTOR))


def mentors() -> list[User]:
    """Every enabled mentor, by name."""
    staff = db.session.scalars(sa.select(User).where(
        User.role == Role.STAFF, User.is_enabled.is_(True),
        User.permissions.contains(MENTOR)).order_by(User.name)).all()
    return [user for user in staff if is_mentor(user)]


def _shop_of(seller: User) -> Shop:
    shop = db.session.scalar(sa.select(Shop).where(Shop.owner_id == seller.id))
    if seller.role != Role.SELLER or shop is None:
        raise NotASeller(seller.id)
    return shop


def grant(seller: User, mentor: User, days: int, recorded_by: User, *,
          given_on: date | None = None) -> AssistConsent:
    """She allows ``mentor`` to act for her for ``days`` days, from now.

    ``recorded_by`` is she herself (from her dashboard) or the staff member who heard her
    say yes in person, on ``given_on``.
    """
    if not is_mentor(mentor):
        raise NotAMentor(mentor.id)
    shop = _shop_of(seller)
    now = clock.now()
    in_person = recorded_by.id != seller.id
    consent = AssistConsent(
        seller_id=seller.id, mentor_id=mentor.id, recorded_by_id=recorded_by.id,
        channel=ConsentChannel.IN_PERSON if in_person else ConsentChannel.DASHBOARD,
        given_on=given_on or clock.today_local(), granted_at=now,
        expires_at=consent_end(now, days))
    db.session.add(consent)
    db.session.flush()
    record(recorded_by, "assist.consent", shop_id=shop.id, subject=f"mentor:{mentor.id}",
           reason=f"{days} days, until {consent.expires_at:%Y-%m-%d %H:%M} UTC",
           on_behalf_of=seller)
    db.session.flush()
    return consent


def revoke(consent: AssistConsent, by: User) -> None:
    """Take a consent back at once; the mentor's next request is refused."""
    if consent.revoked_at is not None:
        raise AlreadyRevoked(consent.id)
    consent.revoked_at = clock.now()
    consent.revoked_by_id = by.id
    record(by, "assist.revoke", shop_id=_shop_of(consent.seller).id,
           subject=f"mentor:{consent.mentor_id}", on_behalf_of=consent.seller)
    db.session.flush()


def _valid(now):
    return sa.and_(AssistConsent.revoked_at.is_(None), AssistConsent.granted_at <= now,
                   AssistConsent.expires_at > now)


def active_consent(mentor_id: int, seller_id: int) -> AssistConsent | None:
    """The consent that lets this mentor act for this seller right now, if any."""
    return db.session.scalar(
        sa.select(AssistConsent)
        .where(AssistConsent.mentor_id == mentor_id, AssistConsent.seller_id == seller_id,
               _valid(clock.now()))
        .order_by(AssistConsent.expires_at.desc()).limit(1))


def consents_of_seller(seller_id: int) -> list[AssistConsent]:
    """Her consents, newest first."""
    return list(db.session.scalars(
        sa.select(AssistConsent).where(AssistConsent.seller_id == seller_id)
        .order_by(AssistConsent.id.desc()).limit(50)))


def own_consent(seller_id: int, consent_id: int) -> AssistConsent | None:
    return db.session.scalar(sa.select(AssistConsent).where(
        AssistConsent.id == consent_id, AssistConsent.seller_id == seller_id))


def helped_by(mentor_id: int) -> list[tuple[AssistConsent, Shop]]:
    """The shops whose owners let this mentor act for them right now."""
    rows = db.session.execute(
        sa.select(AssistConsent, Shop).join(Shop, Shop.owner_id == AssistConsent.seller_id)
        .where(AssistConsent.mentor_id == mentor_id, _valid(clock.now()))
        .order_by(Shop.name)).all()
    return [(consent, shop) for consent, shop in rows]


def recent() -> list[AssistConsent]:
    """The latest consents, for staff."""
    return list(db.session.scalars(sa.select(AssistConsent)
                                   .order_by(AssistConsent.id.desc()).limit(30)))
