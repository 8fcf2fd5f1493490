"""Web push for sellers: a phone subscribes, a new order reaches the push service, 410 forgets it."""
import sqlalchemy as sa

from storefront.extensions import db
from storefront.models import OutboundMessage, PushSubscription
from storefront.notifications.delivery_models import Channel, MessageStatus


def subscriptions() -> list[PushSubscription]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(PushSubscription)))


def order_for(shop, make_product, place_order):
    order = place_order({make_product(shop=shop, stock=5, name="Kue Cucur"): 1})
    db.session.commit()
    return order


def test_home_offers_push_only_with_vapid_keys(app, client, seller):
    assert 'id="push-panel"' not in client.get("/penjual/").get_data(as_text=True)
    app.config["VAPID_PUBLIC_KEY"] = "BPublicKey"
    page = client.get("/penjual/").get_data(as_text=True)
    assert 'id="push-panel" hidden' in page and "js/push.js" in page  # shown by the script only


def test_a_subscription_is_stored_once_and_a_new_order_pushes_to_it(
        client, seller, fake_push, make_product, place_order):
    browser = fake_push.new_subscription()
    assert client.post("/penjual/notifikasi/push", json=browser).status_code == 201
    assert client.post("/penjual/notifikasi/push", json=browser).status_code == 201
    [sub] = subscriptions()
    assert sub.user_id == seller.owner_id and sub.endpoint == browser["endpoint"]
    order = order_for(seller, make_product, place_order)
    [pushed] = fake_push.pushed
    part = order.parts[0]
    assert pushed.data["url"] == f"http://localhost/penjual/pesanan/#so-{part.id}"
    assert order.number in pushed.data["title"] and "Kue" not in pushed.data["title"]
    assert pushed.headers["Authorization"].startswith("vapid t=")
    assert pushed.headers["Content-Encoding"] == "aes128gcm"
    status = db.session.scalar(sa.select(OutboundMessage.status).where(
        OutboundMessage.channel == Channel.WEBPUSH))
    assert status == MessageStatus.SENT


def test_a_410_deletes_the_subscription(client, seller, fake_push, make_product, place_order):
    browser = fake_push.new_subscription()
    client.post("/penjual/notifikasi/push", json=browser)
    fake_push.gone.add(browser["endpoint"])
    order_for(seller, make_product, place_order)
    assert fake_push.pushed == [] and subscriptions() == []
    row = db.session.scalar(sa.select(OutboundMessage).where(
        OutboundMessage.channel == Channel.WEBPUSH))
    assert row.status == MessageStatus.FAILED and row.attempts == 1 and "410" in row.error


def test_bad_subscriptions_are_refused(client, seller, fake_push):
    good = fake_push.new_subscription()
    for bad in ([], "x", {"endpoint": good["endpoint"]},
                {**good, "endpoint": "http://10.0.0.1/push"},
                {**good, "endpoint": "file:///etc/passwd"},
                {**good, "keys": {"p256dh": "<script>", "auth": "x"}},
                {**good, "keys": {"p256dh": "a" * 300, "auth": "x"}}):
        response = client.post("/penjual/notifikasi/push", json=bad)
        assert response.status_code == 400
        assert "HP ini" in response.get_json()["error"]
    form_post = client.post("/penjual/notifikasi/push", data={"endpoint": good["endpoint"]})
    assert form_post.status_code == 302 and form_post.headers["Location"].endswith("/penjual/")
    assert subscriptions() == []


def test_turning_off_deletes_only_her_own(client, seller, fake_push, make_seller):
    browser = fake_push.new_subscription()
    client.post("/penjual/notifikasi/push", json=browser)
    other = make_seller()
    db.session.add(PushSubscription(user_id=other.owner_id, endpoint="https://push.test/x",
                                    p256dh="abc", auth="def"))
    db.session.commit()
    client.post("/penjual/notifikasi/push/hapus", json={"endpoint": "https://push.test/x"})
    assert len(subscriptions()) == 2
    client.post("/penjual/notifikasi/push/hapus", json={"endpoint": browser["endpoint"]})
    assert [s.endpoint for s in subscriptions()] == ["https://push.test/x"]


def test_buyers_cannot_subscribe(client, login, make_user, fake_push):
    login(make_user())
    assert client.post("/penjual/notifikasi/push",
                       json=fake_push.new_subscription()).status_code == 403
