"""One-tap order links from WhatsApp: signed, bound, 72 hours, once, and GET changes nothing."""
import re
from datetime import datetime, timedelta
from urllib.parse import unquote

import pytest
import sqlalchemy as sa

from storefront import clock
from storefront.domain.order_states import SellerOrderStatus as S
from storefront.extensions import db
from storefront.models import Notification, SellerOrder, SellerOrderEvent
from storefront.orders import tap_links
from storefront.orders.tap_models import UsedOrderLink

T0 = datetime(2026, 12, 10, 2, 0)


@pytest.fixture
def frozen():
    clock.freeze(T0)
    yield
    clock.freeze(None)


@pytest.fixture
def new_part(make_seller, make_product, place_order):
    shop = make_seller(name="Mama Yuli")
    product = make_product(shop=shop, stock=5, name="Kue Rambut", price=15000)
    order = place_order({product: 2})
    db.session.commit()
    part = order.parts[0]
    assert part.status == S.NEW
    return part


def status_of(part_id: int) -> S:
    db.session.expire_all()
    return db.session.get(SellerOrder, part_id).status


def path_of(url: str) -> str:
    return url.removeprefix("http://localhost")


def test_new_order_message_carries_both_links_and_they_work(frozen, client, new_part):
    note = db.session.scalar(sa.select(Notification).where(
        Notification.user_id == new_part.shop.owner_id))
    links = re.findall(r"http://localhost/tap/[A-Za-z0-9_.\-]+", note.text)
    assert len(links) == 2
    assert "localhosthttp" not in note.text
    assert all(link in unquote(note.wa_link) for link in links)
    accept, ready = (path_of(link) for link in links)
    page = client.get(accept)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Kue Rambut" in text and "Rp 30.000" in text and 'method="post"' in text
    assert page.headers["Cache-Control"] == "no-store"
    # the ready link does not fit yet: the order is not accepted
    assert client.post(ready).status_code == 409
    assert status_of(new_part.id) == S.NEW
    response = client.post(accept)
    assert response.status_code == 200
    assert status_of(new_part.id) == S.ACCEPTED
    assert "/tap/" in response.get_data(as_text=True)  # a fresh "ready" button
    assert client.post(ready).status_code == 200
    assert status_of(new_part.id) == S.READY
    actors = db.session.scalars(sa.select(SellerOrderEvent.actor_id).where(
        SellerOrderEvent.seller_order_id == new_part.id,
        SellerOrderEvent.to_status.in_([S.ACCEPTED, S.READY]))).all()
    assert actors == [new_part.shop.owner_id] * 2


def test_get_never_changes_anything(client, new_part):
    url = path_of(tap_links.link_for(new_part, "accept"))
    for _ in range(3):
        assert client.get(url).status_code == 200
        assert client.head(url).status_code == 200
    assert status_of(new_part.id) == S.NEW
    assert db.session.scalar(sa.select(sa.func.count(UsedOrderLink.id))) == 0
    assert client.post(url).status_code == 200  # still unused, so it works


def test_tampered_link_is_refused(client, new_part):
    token = tap_links.make_token(new_part, "accept")
    head, _, signature = token.rpartition(".")
    # change the first character: the last one of base64 may carry only padding bits
    flipped = ("B" if signature[0] == "A" else "A") + signature[1:]
    forged = tap_links.URLSafeSerializer("not-our-secret", salt=tap_links.SALT).dumps(
        {"o": new_part.id, "h": new_part.shop_id, "a": "accept", "s": "new",
         "n": "0" * 32, "t": 2_000_000_000})
    other_salt = tap_links.URLSafeSerializer("test-secret", salt="another.salt").dumps(
        {"o": new_part.id, "h": new_part.shop_id, "a": "accept", "s": "new",
         "n": "0" * 32, "t": 2_000_000_000})
    for bad in (f"{head}.{flipped}", head, "x" * 40, forged, other_salt, token[:-3]):
        for method in (client.get, client.post):
            response = method(f"/tap/{bad}")
            assert response.status_code == 404, bad
            assert "Nothing was changed" in response.get_data(as_text=True) \
                or "Tidak ada yang diubah" in response.get_data(as_text=True)
    assert status_of(new_part.id) == S.NEW


def test_a_link_works_once(client, new_part):
    url = path_of(tap_links.link_for(new_part, "accept"))
    assert client.post(url).status_code == 200
    assert status_of(new_part.id) == S.ACCEPTED
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == 410
    assert db.session.scalar(sa.select(sa.func.count(UsedOrderLink.id))) == 1
    assert len([e for e in db.session.get(SellerOrder, new_part.id).events
                if e.to_status == S.ACCEPTED]) == 1


def test_a_link_expires_after_72_hours(frozen, client, new_part):
    url = path_of(tap_links.link_for(new_part, "accept"))
    clock.freeze(T0 + timedelta(hours=72))
    assert client.get(url).status_code == 410
    assert client.post(url).status_code == 410
    assert status_of(new_part.id) == S.NEW
    clock.freeze(T0 + timedelta(hours=71, minutes=59))
    assert client.post(url).status_code == 200
    assert status_of(new_part.id) == S.ACCEPTED


def test_a_status_that_moved_on_is_refused(client, login, new_part):
    url = path_of(tap_links.link_for(new_part, "accept"))
    login(new_part.shop.owner)  # she accepted in her inbox meanwhile
    assert client.post(f"/penjual/pesanan/{new_part.id}/langkah",
                       data={"to": "accepted"}).status_code == 302
    client.post("/akun/keluar")
    assert client.get(url).status_code == 409
    assert client.post(url).status_code == 409
    assert status_of(new_part.id) == S.ACCEPTED
    cancelled_url = path_of(tap_links.link_for(new_part, "ready"))
    new_part = db.session.get(SellerOrder, new_part.id)
    from storefront.orders.services import cancel
    cancel(new_part, new_part.shop.owner, "Habis", by_staff=True)
    db.session.commit()
    assert client.post(cancelled_url).status_code == 409
    assert status_of(new_part.id) == S.CANCELLED


def test_another_sellers_order_is_refused(client, login, new_part, make_seller, make_product,
                                          place_order):
    other_shop = make_seller()
    other = place_order({make_product(shop=other_shop, stock=3): 1}).parts[0]
    db.session.commit()
    # a validly signed link that names her shop but another seller's order
    mixed = tap_links.make_token(other, "accept", shop_id=new_part.shop_id)
    assert client.get(f"/tap/{mixed}").status_code == 404
    assert client.post(f"/tap/{mixed}").status_code == 404
    # the other seller, logged in, cannot use Mama Yuli's link either
    url = path_of(tap_links.link_for(new_part, "accept"))
    login(other_shop.owner)
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert status_of(new_part.id) == S.NEW and status_of(other.id) == S.NEW


def test_refusal_pages_speak_indonesian(client, new_part):
    url = path_of(tap_links.link_for(new_part, "accept"))
    client.post(url)
    page = client.get(url, headers={"Accept-Language": "id"}).get_data(as_text=True)
    assert "sudah dipakai" in page
