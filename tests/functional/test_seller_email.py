"""A seller's e-mail for order messages: confirmed by a link, then she gets the same messages."""
import re
from datetime import datetime, timedelta

import sqlalchemy as sa

from storefront import clock
from storefront.extensions import db
from storefront.models import ContactEmail, OutboundMessage
from storefront.notifications.delivery_models import Channel

T0 = datetime(2026, 12, 10, 2, 0)


def set_address(client, address="yuli@example.com"):
    response = client.post("/penjual/notifikasi/email", data={"email": address})
    assert response.status_code == 302
    response.close()


def link_in(mail) -> str:
    return re.search(r"http://localhost(/penjual/notifikasi/email/konfirmasi/\S+)",
                     mail["body"]).group(1)


def order_mails(smtp, address):
    return [m for m in smtp if m["to"] == address and "konfirmasi" not in m["body"]]


def test_unconfirmed_gets_nothing_confirmed_gets_order_messages(
        client, seller, smtp, make_product, place_order):
    clock.freeze(T0)
    product = make_product(shop=seller, stock=9)
    db.session.commit()
    set_address(client, " Yuli@Example.com ")
    [mail] = smtp
    assert mail["to"] == "yuli@example.com"
    place_order({product: 1})
    db.session.commit()
    assert order_mails(smtp, "yuli@example.com") == []  # not before she confirms
    link = link_in(mail)
    assert 'method="post"' in client.get(link).get_data(as_text=True)
    assert db.session.scalar(sa.select(ContactEmail.confirmed_at)) is None  # GET changes nothing
    client.post(link)
    assert db.session.scalar(sa.select(ContactEmail.confirmed_at)) == T0
    assert "Terkonfirmasi" in client.get("/penjual/notifikasi/email").get_data(as_text=True)
    order = place_order({product: 1})
    db.session.commit()
    [order_mail] = order_mails(smtp, "yuli@example.com")
    assert order.number in order_mail["body"]
    assert db.session.scalar(sa.select(OutboundMessage.recipient).where(
        OutboundMessage.channel == Channel.EMAIL,
        OutboundMessage.event == f"order.new:{order.parts[0].id}")) == "yuli@example.com"


def test_links_expire_break_and_follow_the_latest_address(client, seller, smtp, make_seller,
                                                          login):
    clock.freeze(T0)
    set_address(client, "old@example.com")
    old_link = link_in(smtp[-1])
    set_address(client, "new@example.com")
    client.post(old_link)  # the address changed since
    assert db.session.scalar(sa.select(ContactEmail.confirmed_at)) is None
    new_link = link_in(smtp[-1])
    assert client.post(new_link[:-3] + "abc").status_code == 404
    assert client.get(new_link[:-3] + "abc").status_code == 404
    assert db.session.scalar(sa.select(ContactEmail.confirmed_at)) is None
    clock.freeze(T0 + timedelta(days=4))
    client.post(new_link)  # 4 days later: too old
    other = make_seller()
    db.session.commit()
    login(other.owner)
    client.post(new_link)  # another seller cannot confirm it
    rows = db.session.scalars(sa.select(ContactEmail)).all()
    assert [(r.email, r.user_id) for r in rows] == [("new@example.com", seller.owner_id)]


def test_bad_addresses_are_refused(client, seller, smtp):
    response = client.post("/penjual/notifikasi/email", data={"email": "not an email"})
    assert response.status_code == 200 and "sepertinya salah" in response.get_data(as_text=True)
    assert smtp == [] and db.session.scalar(sa.select(sa.func.count(ContactEmail.id))) == 0
