"""New orders reach each seller's WhatsApp once, through the Cloud API fake, with retries."""
import pytest
import sqlalchemy as sa

from storefront.extensions import db
from storefront.models import Notification, OutboundMessage
from storefront.notifications import order_notices, outbox
from storefront.notifications.delivery_models import Channel, MessageStatus
from storefront.orders import tap_links
from tests.conftest import TEST_REDIS_URL, redis_or_skip


@pytest.fixture
def two_sellers(make_seller, make_product):
    yuli = make_seller(phone="081234560001", name="Mama Yuli")
    ana = make_seller(phone="081234560002", name="Mama Ana")
    return (make_product(shop=yuli, name="Se'i Babi", price=50000, stock=5),
            make_product(shop=ana, name="Kue Rambut", price=15000, stock=5))


def whatsapp_rows() -> list[OutboundMessage]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(OutboundMessage).where(
        OutboundMessage.channel == Channel.WHATSAPP).order_by(OutboundMessage.id)))


def url_token(sent) -> str:
    [button] = [c for c in sent.body["template"]["components"] if c["type"] == "button"]
    return button["parameters"][0]["text"]


def test_cash_order_for_two_sellers_sends_one_message_each_with_her_own_links(
        fake_whatsapp, two_sellers, place_order):
    sei, kue = two_sellers
    order = place_order({sei: 1, kue: 2}, name="Ibu Ana")
    db.session.commit()  # outside a request the jobs run at the commit
    assert sorted(s.body["to"] for s in fake_whatsapp.sent) == ["6281234560001", "6281234560002"]
    for part in order.parts:
        number = part.shop.owner.phone.removeprefix("+")
        [sent] = fake_whatsapp.to(number)
        assert sent.authorization == "Bearer EAAG-fake-token"
        assert sent.path == "/v21.0/1098765432/messages"
        template = sent.body["template"]
        assert template["name"] == "pesanan_baru" and template["language"] == {"code": "id"}
        body = [p["text"] for p in template["components"][0]["parameters"]]
        assert body[0] == order.number and part.lines[0].product_name in body[1]
        assert body[2] == f"Rp {part.total:,}".replace(",", ".")
        link = tap_links.read(url_token(sent))  # her own "Terima" link, for her own part
        assert link.part.id == part.id and link.action == "accept"
    rows = whatsapp_rows()
    assert [r.status for r in rows] == [MessageStatus.SENT] * 2
    assert {r.provider_id for r in rows} == {s.wamid for s in fake_whatsapp.sent}
    # the job again, and the notice again: nothing more is sent
    for row in rows:
        outbox.deliver(row.id)
    for part in order.parts:
        order_notices.new_order(part, "again", "http://localhost/tap/x")
    db.session.commit()
    assert len(fake_whatsapp.sent) == 2 and len(whatsapp_rows()) == 2
    assert all(r.attempts == 1 for r in whatsapp_rows())


def test_without_a_token_the_channel_is_off(app, two_sellers, place_order):
    place_order({two_sellers[0]: 1})
    db.session.commit()
    assert whatsapp_rows() == []
    assert db.session.scalar(sa.select(sa.func.count(Notification.id))) == 1


def test_a_failing_send_is_retried_and_succeeds_on_the_third_try(
        fake_whatsapp, two_sellers, place_order):
    fake_whatsapp.fail_next(2)
    place_order({two_sellers[0]: 1})
    db.session.commit()
    [row] = whatsapp_rows()
    assert row.status == MessageStatus.SENT and row.attempts == 3
    assert len(fake_whatsapp.sent) == 1


def test_after_the_last_try_it_is_failed(fake_whatsapp, two_sellers, place_order):
    fake_whatsapp.fail_next(3)
    place_order({two_sellers[0]: 1})
    db.session.commit()
    [row] = whatsapp_rows()
    assert row.status == MessageStatus.FAILED and row.attempts == 3
    assert "HTTP 500" in row.error and fake_whatsapp.sent == []
    outbox.deliver(row.id)  # a failed message is never tried again
    assert whatsapp_rows()[0].attempts == 3


def test_through_rq_on_real_redis(app, fake_whatsapp, two_sellers, place_order):
    from rq import SimpleWorker

    from storefront.queue import queue

    connection = redis_or_skip(TEST_REDIS_URL)
    connection.flushdb()
    app.config["REDIS_URL"] = TEST_REDIS_URL
    try:
        place_order({two_sellers[0]: 1, two_sellers[1]: 1})
        db.session.commit()
        assert fake_whatsapp.sent == [] and queue().count == 2
        assert SimpleWorker([queue()], connection=connection).work(burst=True)
        assert len(fake_whatsapp.sent) == 2
        assert [r.status for r in whatsapp_rows()] == [MessageStatus.SENT] * 2
    finally:
        connection.flushdb()


def test_staff_cancelling_tells_her_on_whatsapp_with_the_reason(
        fake_whatsapp, two_sellers, place_order, make_staff):
    from storefront.orders import services

    order = place_order({two_sellers[0]: 1})
    db.session.commit()
    part = order.parts[0]
    services.cancel(part, make_staff(), "Pembeli minta batal lewat telepon", by_staff=True)
    db.session.commit()
    [_, cancelled] = fake_whatsapp.to("6281234560001")
    assert cancelled.body["template"]["name"] == "pesanan_dibatalkan"
    values = [p["text"] for p in cancelled.body["template"]["components"][0]["parameters"]]
    assert values == [order.number, "Pembeli minta batal lewat telepon"]


@pytest.mark.parametrize("round_", range(3))
def test_two_workers_running_one_message_send_it_once(app, fake_whatsapp, two_sellers,
                                                      round_):  # noqa: ARG001
    import threading

    owner = two_sellers[0].shop.owner
    row = OutboundMessage(event="order.new:test", channel=Channel.WHATSAPP,
                          recipient="6281234560001", user_id=owner.id,
                          payload={"text": "Halo"})
    db.session.add(row)
    db.session.commit()
    row_id = row.id
    barrier = threading.Barrier(2)
    errors: list[Exception] = []

    def work():
        with app.app_context():
            try:
                barrier.wait(timeout=10)
                outbox.deliver(row_id)
            except Exception as exc:  # noqa: BLE001 - reported by the test
                errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == [] and len(fake_whatsapp.sent) == 1
    [stored] = whatsapp_rows()
    assert stored.status == MessageStatus.SENT and stored.attempts == 1
