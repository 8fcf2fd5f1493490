"""kill -9 one of two gunicorn workers in the middle of a checkout rush on PostgreSQL:
no order is half-written, and stock plus sold equals the initial stock."""
import os
import signal
import subprocess
import time

import pytest
import sqlalchemy as sa

from bench.checkout_rush import seed_one_product, sold_and_stock
from bench.common import gunicorn
from bench.rush import rush
from storefront.extensions import db
from storefront.orders.models import Order, OrderLine, SellerOrder

pytestmark = pytest.mark.slow
STOCK, BUYERS = 60, 100


@pytest.fixture(params=["postgresql"])
def backend(request) -> str:
    return request.param


def _workers(master: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout
    return [int(pid) for pid in out.split()]


def test_kill_a_worker_mid_rush(app):
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    slug, product_id = seed_one_product(app, STOCK)
    killed = []
    with gunicorn(url, workers=2) as (base, process):
        def kill_one():
            time.sleep(1.0)
            victim = _workers(process.pid)[0]
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)

        result = rush(base, slug, product_id, BUYERS, during=kill_one)
    assert killed, "no worker was killed"
    sold, stock, _orders = sold_and_stock(app, product_id)
    assert stock >= 0 and stock + sold == STOCK
    assert result.ordered <= sold  # a buyer cut off mid-request may still have her order

    db.session.expire_all()
    orders = db.session.scalars(sa.select(Order)).all()
    for order in orders:
        assert order.parts, f"order {order.number} has no seller order"
        assert order.total == sum(part.total for part in order.parts)
        for part in order.parts:
            assert part.lines, f"seller order {part.id} has no lines"
            assert part.subtotal == sum(line.unit_price * line.quantity for line in part.lines)
    orphans = db.session.scalar(sa.select(sa.func.count()).select_from(SellerOrder)
                                .where(~SellerOrder.order_id.in_(sa.select(Order.id))))
    lines = db.session.scalar(sa.select(sa.func.count()).select_from(OrderLine))
    assert orphans == 0 and lines == len(orders)
