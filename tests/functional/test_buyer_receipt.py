"""The buyer's receipt: an e-mail at placement, a WhatsApp self-link, opt-in status messages."""
from urllib.parse import unquote

import pytest
import sqlalchemy as sa

from storefront.domain.order_states import SellerOrderStatus as S
from storefront.extensions import db
from storefront.models import Order, OutboundMessage, WhatsAppOptIn
from storefront.orders import services


@pytest.fixture
def product(make_seller, make_product):
    shop = make_seller(name="Mama Yuli")
    item = make_product(shop=shop, stock=5, name="Sambal Luat", price=25000)
    db.session.commit()
    return item


def checkout(client, product, **extra):
    client.post("/keranjang/tambah", data={"product_id": str(product.id), "quantity": "2"})
    response = client.post("/pesan/", data={"name": "Ibu Ana", "phone": "081399990000",
                                            "payment_method": "cash", **extra})
    assert response.status_code == 302
    response.close()
    return response


def test_the_buyer_gets_a_receipt_email_at_placement(client, smtp, product):
    checkout(client, product, email="ana@example.com")
    order = db.session.scalar(sa.select(Order))
    [receipt] = [m for m in smtp if m["to"] == "ana@example.com"]
    assert order.number in receipt["subject"] and "Sambal Luat" in receipt["body"]
    assert "Rp 50.000" in receipt["body"]
    assert f"http://localhost/pesanan/{order.token}" in receipt["body"]
    assert receipt["body"].startswith("Terima kasih, Ibu Ana!")


def test_no_email_no_receipt(client, smtp, product):
    checkout(client, product)
    assert [m for m in smtp if m["to"] != product.shop.owner.email] == []
    assert db.session.scalar(sa.select(sa.func.count(OutboundMessage.id)).where(
        OutboundMessage.event.startswith("order.placed"))) == 0


def test_thank_you_and_tracking_pages_offer_the_whatsapp_self_link(client, product):
    response = checkout(client, product)
    order = db.session.scalar(sa.select(Order))
    for url in (response.headers["Location"], f"/pesanan/{order.token}"):
        page = client.get(url).get_data(as_text=True)
        assert "Kirim tautan pesanan ke WhatsApp saya" in page
        href = page.split('id="wa-self-link"', 1)[1].split('href="', 1)[1].split('"', 1)[0]
        assert href.startswith("https://wa.me/6281399990000?text=")
        text = unquote(href.replace("&amp;", "&"))
        assert f"http://localhost/pesanan/{order.token}" in text and order.number in text


def test_opted_in_buyer_gets_whatsapp_status_messages(client, fake_whatsapp, product):
    checkout(client, product, whatsapp_updates="y")
    order = db.session.scalar(sa.select(Order))
    assert db.session.get(WhatsAppOptIn, order.id) is not None
    part = order.parts[0]
    services.seller_move(part, S.ACCEPTED, part.shop.owner)
    db.session.commit()
    [status] = fake_whatsapp.to("6281399990000")
    template = status.body["template"]
    assert template["name"] == "status_pesanan"
    values = [p["text"] for p in template["components"][0]["parameters"]]
    assert values[0] == order.number and values[1] == "Toko Mama Yuli" or values[1]
    assert values[2] == "Diterima, sedang disiapkan"
    assert values[3] == f"http://localhost/pesanan/{order.token}"


def test_not_opted_in_no_whatsapp_to_the_buyer(client, fake_whatsapp, product):
    checkout(client, product)
    order = db.session.scalar(sa.select(Order))
    part = order.parts[0]
    services.seller_move(part, S.ACCEPTED, part.shop.owner)
    db.session.commit()
    assert fake_whatsapp.to("6281399990000") == []
