"""/webhooks/whatsapp: Meta's verification, signatures, delivery statuses, and accepting replies."""
import threading

import pytest
import sqlalchemy as sa

from storefront.domain.order_states import SellerOrderStatus as S
from storefront.extensions import db
from storefront.models import OutboundMessage, SellerOrder, SellerOrderEvent
from storefront.notifications.delivery_models import MessageStatus
from storefront.orders.tap_models import UsedOrderLink
from tests.fakes.whatsapp_server import signature

YULI, ANA = "6281234560001", "6281234560002"


@pytest.fixture
def ordered(fake_whatsapp, make_seller, make_product, place_order):
    """A cash order for Mama Yuli and Mama Ana; each got her WhatsApp message."""
    yuli = make_seller(phone="081234560001", name="Mama Yuli")
    ana = make_seller(phone="081234560002", name="Mama Ana")
    order = place_order({make_product(shop=yuli, stock=5): 1, make_product(shop=ana, stock=5): 1})
    db.session.commit()
    parts = {p.shop.owner.phone.removeprefix("+"): p.id for p in order.parts}
    wamids = {number: fake_whatsapp.to(number)[0].wamid for number in (YULI, ANA)}
    return parts, wamids


def post(client, fake, event, secret=None):
    body, headers = fake.signed(event, secret) if secret else fake.signed(event)
    response = client.post("/webhooks/whatsapp", data=body, headers=headers)
    response.close()  # as the server does once it is sent: the queued messages go out then
    return response


def status_of(part_id):
    db.session.expire_all()
    return db.session.get(SellerOrder, part_id).status


def message_status(wamid):
    db.session.expire_all()
    return db.session.scalar(sa.select(OutboundMessage.status).where(
        OutboundMessage.provider_id == wamid))


def accepted_events(part_id) -> int:
    return db.session.scalar(sa.select(sa.func.count(SellerOrderEvent.id)).where(
        SellerOrderEvent.seller_order_id == part_id, SellerOrderEvent.to_status == S.ACCEPTED))


def test_verification(client, fake_whatsapp):
    ok = client.get("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=pasar-ibu-verify"
                    "&hub.challenge=1158201444")
    assert ok.status_code == 200 and ok.get_data(as_text=True) == "1158201444"
    for query in ("hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1",
                  "hub.mode=unsubscribe&hub.verify_token=pasar-ibu-verify&hub.challenge=1",
                  "hub.challenge=1"):
        assert client.get(f"/webhooks/whatsapp?{query}").status_code == 403


def test_verification_refused_without_a_verify_token_setting(app, client):
    app.config["WHATSAPP_VERIFY_TOKEN"] = ""
    assert client.get("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token="
                      "&hub.challenge=1").status_code == 403


def test_forged_or_unsigned_posts_get_403_and_write_nothing(client, fake_whatsapp, ordered):
    parts, wamids = ordered
    reply = fake_whatsapp.reply_webhook(YULI, "TERIMA")
    delivered = fake_whatsapp.status_webhook(wamids[YULI], "delivered", YULI)
    for event in (reply, delivered):
        body, headers = fake_whatsapp.signed(event)
        assert client.post("/webhooks/whatsapp", data=body,
                           headers={"Content-Type": "application/json"}).status_code == 403
        assert post(client, fake_whatsapp, event, secret="not-the-secret").status_code == 403
        tampered = body.replace(b"TERIMA", b"terima") if event is reply else \
            body.replace(b"delivered", b"read")
        assert client.post("/webhooks/whatsapp", data=tampered, headers=headers).status_code == 403
        assert client.post("/webhooks/whatsapp", data=body, headers={
            **headers, "X-Hub-Signature-256": signature(body)[:-2] + "00"}).status_code == 403
    assert status_of(parts[YULI]) == S.NEW and message_status(wamids[YULI]) == MessageStatus.SENT
    assert db.session.scalar(sa.select(sa.func.count(UsedOrderLink.id))) == 0
    assert len(fake_whatsapp.sent) == 2  # no confirmation went out


def test_statuses_update_the_log_and_never_go_back(client, fake_whatsapp, ordered):
    _, wamids = ordered
    for name in ("delivered", "read", "delivered", "sent"):
        assert post(client, fake_whatsapp,
                    fake_whatsapp.status_webhook(wamids[YULI], name, YULI)).status_code == 200
    assert message_status(wamids[YULI]) == MessageStatus.READ
    post(client, fake_whatsapp, fake_whatsapp.status_webhook(wamids[ANA], "failed", ANA))
    assert message_status(wamids[ANA]) == MessageStatus.FAILED
    assert db.session.scalar(sa.select(OutboundMessage.error).where(
        OutboundMessage.provider_id == wamids[ANA])) == "Message undeliverable"


@pytest.mark.parametrize("words", ["TERIMA", " terima ", "1"])
def test_a_sellers_terima_reply_accepts_her_part_once(client, fake_whatsapp, ordered, words):
    parts, _ = ordered
    assert post(client, fake_whatsapp, fake_whatsapp.reply_webhook(YULI, words)).status_code == 200
    assert status_of(parts[YULI]) == S.ACCEPTED and status_of(parts[ANA]) == S.NEW
    assert db.session.scalar(sa.select(UsedOrderLink.action)) == "accept"  # as the tap link does
    confirmation = fake_whatsapp.to(YULI)[-1].body
    assert confirmation["type"] == "text" and "diterima" in confirmation["text"]["body"]
    post(client, fake_whatsapp, fake_whatsapp.reply_webhook(YULI, words))  # again
    assert accepted_events(parts[YULI]) == 1 and status_of(parts[YULI]) == S.ACCEPTED


def test_a_reply_to_her_own_message_picks_that_order(client, fake_whatsapp, ordered):
    parts, wamids = ordered
    post(client, fake_whatsapp, fake_whatsapp.reply_webhook(YULI, "1", context=wamids[YULI]))
    assert status_of(parts[YULI]) == S.ACCEPTED


def test_a_reply_about_another_sellers_order_changes_nothing(client, fake_whatsapp, ordered):
    parts, wamids = ordered
    # Yuli answers Ana's message, or presses a button naming Ana's order
    post(client, fake_whatsapp, fake_whatsapp.reply_webhook(YULI, "TERIMA", context=wamids[ANA]))
    post(client, fake_whatsapp, fake_whatsapp.reply_webhook(
        YULI, "Terima", button_payload=f"accept:{parts[ANA]}"))
    for payload in ("accept:99999999999", "accept:٣", "accept:²", f"accept:{2**31}"):
        post(client, fake_whatsapp, fake_whatsapp.reply_webhook(YULI, "x", button_payload=payload))
    assert status_of(parts[ANA]) == S.NEW and status_of(parts[YULI]) == S.NEW
    assert db.session.scalar(sa.select(sa.func.count(UsedOrderLink.id))) == 0
    # a stranger's TERIMA changes nothing either
    post(client, fake_whatsapp, fake_whatsapp.reply_webhook("6281999999999", "TERIMA"))
    assert status_of(parts[YULI]) == S.NEW and len(fake_whatsapp.sent) == 2


def test_her_own_button_accepts(client, fake_whatsapp, ordered):
    parts, _ = ordered
    post(client, fake_whatsapp, fake_whatsapp.reply_webhook(
        ANA, "Terima", button_payload=f"accept:{parts[ANA]}"))
    assert status_of(parts[ANA]) == S.ACCEPTED and status_of(parts[YULI]) == S.NEW


def test_two_new_orders_and_a_bare_terima_accepts_neither(client, fake_whatsapp, ordered,
                                                          make_product, place_order):
    parts, _ = ordered
    yuli_shop = db.session.get(SellerOrder, parts[YULI]).shop
    place_order({make_product(shop=yuli_shop, stock=3): 1})
    db.session.commit()
    post(client, fake_whatsapp, fake_whatsapp.reply_webhook(YULI, "TERIMA"))
    assert status_of(parts[YULI]) == S.NEW


@pytest.mark.parametrize("round_", range(3))
def test_two_terima_replies_at_once_accept_once(app, fake_whatsapp, ordered, round_):  # noqa: ARG001
    parts, _ = ordered
    barrier = threading.Barrier(2)
    codes: list[int] = []
    events = [fake_whatsapp.signed(fake_whatsapp.reply_webhook(YULI, "TERIMA")) for _ in range(2)]

    def reply(body, headers):
        client = app.test_client()
        barrier.wait(timeout=10)
        response = client.post("/webhooks/whatsapp", data=body, headers=headers)
        response.close()
        codes.append(response.status_code)

    threads = [threading.Thread(target=reply, args=event) for event in events]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert codes == [200, 200]
    assert status_of(parts[YULI]) == S.ACCEPTED and accepted_events(parts[YULI]) == 1
    bodies = [s.body["text"]["body"] for s in fake_whatsapp.to(YULI) if s.body["type"] == "text"]
    # the later reply either waited for the first and is told the order moved on, or came
    # after its commit and finds no new order waiting (no answer): never a second acceptance
    assert len(bodies) in (1, 2) and sum("diterima" in b for b in bodies) == 1


def test_not_json_is_400(client, fake_whatsapp):
    body = b"not json"
    assert client.post("/webhooks/whatsapp", data=body, headers={
        "X-Hub-Signature-256": signature(body)}).status_code == 400
