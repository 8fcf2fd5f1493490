"""Sellers are told after the commit, and only after it: in-process, and through RQ on Redis."""

import pytest
import sqlalchemy as sa

from storefront.extensions import db
from storefront.models import Notification, Order
from tests.conftest import TEST_REDIS_URL, redis_or_skip

REDIS_URL = TEST_REDIS_URL


@pytest.fixture
def outbox(app, monkeypatch):
    """Fake SMTP: records each message, and whether its order was committed when it went."""
    sent: list[dict] = []
    engine = sa.create_engine(app.config["SQLALCHEMY_DATABASE_URI"])

    class FakeSMTP:
        def __init__(self, host, port, timeout=None):
            assert host == "smtp.test"

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def send_message(self, message):
            with engine.connect() as conn:  # a separate connection sees only committed rows
                committed = conn.execute(sa.select(sa.func.count()).select_from(Order)).scalar()
            sent.append({"to": message["To"], "subject": message["Subject"],
                         "body": message.get_content(), "committed_orders": committed})

    monkeypatch.setattr("storefront.notifications.mail.smtplib.SMTP", FakeSMTP)
    app.config.update(SMTP_HOST="smtp.test", MAIL_FROM="pasar@ibu.test")
    yield sent
    engine.dispose()


@pytest.fixture
def redis_queue(app):
    connection = redis_or_skip(REDIS_URL)
    connection.flushdb()
    app.config["REDIS_URL"] = REDIS_URL
    from storefront.queue import queue

    yield queue()
    connection.flushdb()


def seller_product(make_shop, make_product, make_user):
    from storefront.accounts.models import Role

    owner = make_user(Role.SELLER, email="mama@example.test", phone="+6281277770001")
    shop = make_shop(owner=owner, name="Dapur Mama Yuli")
    product = make_product(shop=shop, name="Sambal Luat", stock=5)
    db.session.commit()
    return product


def test_in_process_after_the_response(client, outbox, make_shop, make_product, make_user):
    product = seller_product(make_shop, make_product, make_user)
    client.post("/keranjang/tambah", data={"product_id": str(product.id), "quantity": "1"})
    response = client.post("/pesan/", data={"name": "Ibu Ana", "phone": "081399990000",
                                            "payment_method": "cash"})
    assert response.status_code == 302
    assert outbox == []  # not while the response is still being sent
    response.close()  # the server closes the response once sent; the jobs run then
    assert len(outbox) == 1
    mail = outbox[0]
    assert mail["to"] == "mama@example.test" and mail["committed_orders"] == 1
    number = db.session.scalar(sa.select(Order.number))
    assert number in mail["body"] and number in mail["subject"]
    note = db.session.scalar(sa.select(Notification))
    assert number in note.text and note.link == "/penjual/pesanan/"


def test_in_process_outside_a_request_runs_at_commit_and_never_on_rollback(
        app, outbox, make_shop, make_product, make_user, place_order):
    product = seller_product(make_shop, make_product, make_user)
    place_order({product: 1})
    assert outbox == []  # not before the commit
    db.session.rollback()
    assert outbox == []
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Notification)) == 0
    place_order({product: 1})
    db.session.commit()
    assert len(outbox) == 1 and outbox[0]["committed_orders"] == 1


def test_rq_on_real_redis_after_commit_only(app, outbox, redis_queue, make_shop, make_product,
                                            make_user, place_order):
    from rq import SimpleWorker

    product = seller_product(make_shop, make_product, make_user)
    place_order({product: 1})
    assert redis_queue.count == 0  # nothing queued before the commit
    db.session.rollback()
    assert redis_queue.count == 0  # nor after a rollback
    place_order({product: 2})
    assert redis_queue.count == 0
    db.session.commit()
    assert redis_queue.count == 1
    assert outbox == []  # queued, not sent in this process
    worker = SimpleWorker([redis_queue], connection=redis_queue.connection)
    assert worker.work(burst=True)
    assert len(outbox) == 1
    assert outbox[0]["to"] == "mama@example.test" and outbox[0]["committed_orders"] == 1
    assert redis_queue.count == 0
    assert len(redis_queue.failed_job_registry) == 0
