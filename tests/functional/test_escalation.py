"""Staff see orders a seller has not answered: after SELLER_ACCEPT_MINUTES, or when the message failed."""
from datetime import datetime, timedelta
from urllib.parse import unquote

import pytest
import sqlalchemy as sa

from storefront import clock
from storefront.domain.order_states import SellerOrderStatus as S
from storefront.extensions import db
from storefront.models import SellerFollowUp
from storefront.orders import services

T0 = datetime(2026, 12, 10, 2, 0)


@pytest.fixture
def staff_client(client, login, make_staff):
    login(make_staff())
    return client


@pytest.fixture
def new_part(make_seller, make_product, place_order):
    clock.freeze(T0)
    shop = make_seller(phone="081234560001", name="Mama Yuli")
    order = place_order({make_product(shop=shop, stock=5, name="Se'i Sapi"): 2})
    db.session.commit()
    return order.parts[0]


def page(client) -> str:
    return client.get("/staf/belum-ditanggapi/").get_data(as_text=True)


def test_appears_after_the_clock_passes_seller_accept_minutes(app, staff_client, new_part):
    clock.freeze(T0 + timedelta(minutes=59))
    assert new_part.order.number not in page(staff_client)
    clock.freeze(T0 + timedelta(minutes=60))
    text = page(staff_client)
    assert new_part.order.number in text and "Belum ditanggapi penjual" in text
    assert "+6281234560001" in text and "escalation-old" not in text
    relay = text.split('href="https://wa.me/', 1)[1].split('"', 1)[0]
    assert relay.startswith("6281234560001?text=")
    assert "/tap/" in unquote(relay) and "Se&#39;i Sapi" not in relay
    app.config["SELLER_ACCEPT_MINUTES"] = 90
    assert new_part.order.number not in page(staff_client)


def test_older_than_a_day_is_highlighted(staff_client, new_part):
    clock.freeze(T0 + timedelta(days=1, minutes=1))
    text = page(staff_client)
    assert "escalation-old" in text and "Menunggu lebih dari sehari" in text


def test_accepted_orders_leave_the_list(staff_client, new_part):
    services.seller_move(new_part, S.ACCEPTED, new_part.shop.owner)
    db.session.commit()
    clock.freeze(T0 + timedelta(hours=3))
    assert new_part.order.number not in page(staff_client)


def test_sudah_dihubungi_is_recorded_once(staff_client, new_part):
    clock.freeze(T0 + timedelta(hours=2))
    url = f"/staf/belum-ditanggapi/{new_part.id}/dihubungi"
    assert staff_client.post(url).status_code == 302
    assert staff_client.post(url).status_code == 302
    assert db.session.scalar(sa.select(sa.func.count(SellerFollowUp.id))) == 1
    assert "Sudah dihubungi pada" in page(staff_client)
    for bad in (2**31, 2**63):
        assert staff_client.post(f"/staf/belum-ditanggapi/{bad}/dihubungi").status_code == 404
        assert staff_client.get(f"/staf/pesanan/{bad}/pesan-terkirim").status_code == 404
    assert staff_client.post("/staf/belum-ditanggapi/٣/dihubungi").status_code == 404


def test_only_staff(client, login, new_part):
    login(new_part.shop.owner)
    assert client.get("/staf/belum-ditanggapi/").status_code == 403
    assert client.post(f"/staf/belum-ditanggapi/{new_part.id}/dihubungi").status_code == 403
    assert client.get(f"/staf/pesanan/{new_part.id}/pesan-terkirim").status_code == 403


def test_a_failed_whatsapp_shows_in_the_log_and_the_list_at_once(
        staff_client, fake_whatsapp, make_seller, make_product, place_order):
    shop = make_seller(phone="081234560009")
    fake_whatsapp.fail_next(3)
    order = place_order({make_product(shop=shop, stock=5): 1})
    db.session.commit()
    part = order.parts[0]
    text = page(staff_client)  # before SELLER_ACCEPT_MINUTES, because the message failed
    assert order.number in text and "Pesan gagal" in text
    log = staff_client.get(f"/staf/pesanan/{part.id}/pesan-terkirim").get_data(as_text=True)
    assert "WhatsApp" in log and "6281234560009" in log and "Gagal" in log
    assert "3 kali dicoba" in log and "HTTP 500" in log
