"""50 checkouts race for 7 units: exactly 7 are sold, on SQLite and on PostgreSQL.

Each thread has its own app context, so its own database session and connection,
and commits for real (the ``app`` fixture empties every table afterwards).
"""
import threading

import sqlalchemy as sa

from storefront.checkout import services
from storefront.domain.stock import OutOfStock
from storefront.extensions import db
from storefront.models import Order, OrderLine, Product

BUYERS = 50
STOCK = 7


def test_fifty_concurrent_checkouts_sell_exactly_seven(app, make_product, make_shop):
    other = make_product(shop=make_shop(), stock=1000)  # each buyer also takes one of these
    product = make_product(name="Selendang Tenun Ikat", stock=STOCK)
    db.session.commit()
    product_id, price, other_id, other_price = product.id, product.price, other.id, other.price
    start = threading.Barrier(BUYERS)
    results: list[str] = []
    lock = threading.Lock()

    def buy(n: int) -> None:
        with app.app_context():
            buyer = services.Buyer(name=f"Pembeli {n}", phone=f"+62813{n:08d}")
            items = {product_id: (1, price), other_id: (1, other_price)}
            start.wait()
            try:
                services.place_order(items, buyer, {})
                db.session.commit()
                outcome = "sold"
            except OutOfStock as exc:
                db.session.rollback()
                outcome = f"out:{exc.name}:{exc.available}"
            except Exception as exc:  # noqa: BLE001 - reported by the assertion below
                db.session.rollback()
                outcome = f"error:{type(exc).__name__}:{exc}"
            finally:
                db.session.remove()
            with lock:
                results.append(outcome)

    threads = [threading.Thread(target=buy, args=(n,)) for n in range(BUYERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert len(results) == BUYERS
    errors = [r for r in results if r.startswith("error")]
    assert not errors, errors[:3]
    assert results.count("sold") == STOCK
    assert all(r == "out:Selendang Tenun Ikat:0" for r in results if r != "sold")
    db.session.expire_all()
    assert db.session.scalar(sa.select(Product.stock).where(Product.id == product_id)) == 0
    sold = db.session.scalar(sa.select(sa.func.sum(OrderLine.quantity))
                             .where(OrderLine.product_id == product_id))
    assert sold == STOCK
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Order)) == STOCK
    # the losers' other line was rolled back with them
    assert db.session.scalar(sa.select(Product.stock).where(Product.id == other_id)) == 1000 - STOCK
    numbers = db.session.scalars(sa.select(Order.number)).all()
    assert len(set(numbers)) == STOCK


def test_concurrent_made_to_order_bookings_respect_daily_capacity(app, make_shop, make_product):
    from datetime import timedelta

    from storefront import clock
    from storefront.checkout.services import ShopChoice
    from storefront.models import CapacityBooking

    shop = make_shop()
    kue = make_product(shop=shop, name="Kue Lapis", made_to_order=True, lead_days=1,
                       daily_capacity=3)
    db.session.commit()
    kue_id, price, shop_id = kue.id, kue.price, shop.id
    day = clock.today_local() + timedelta(days=3)
    racers = 20
    start = threading.Barrier(racers)
    results: list[str] = []
    lock = threading.Lock()

    def buy(n: int) -> None:
        with app.app_context():
            buyer = services.Buyer(name=f"Pembeli {n}", phone=f"+62813{n:08d}")
            start.wait()
            try:
                services.place_order({kue_id: (1, price)}, buyer,
                                     {shop_id: ShopChoice(wanted_date=day)})
                db.session.commit()
                outcome = "sold"
            except OutOfStock as exc:
                db.session.rollback()
                outcome = exc.reason
            except Exception as exc:  # noqa: BLE001 - reported by the assertion below
                db.session.rollback()
                outcome = f"error:{type(exc).__name__}:{exc}"
            finally:
                db.session.remove()
            with lock:
                results.append(outcome)

    threads = [threading.Thread(target=buy, args=(n,)) for n in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(set(results)) == ["capacity", "sold"], results[:3]
    assert results.count("sold") == 3
    assert db.session.scalar(sa.select(CapacityBooking.booked)) == 3
