"""Hampers: racing single-product buyers never oversell a component, a hamper order splits per
seller with her share, and the ledger of a handed-over hamper comes to its price."""
import threading

import pytest
import sqlalchemy as sa

from storefront.checkout import services as checkout
from storefront.domain.ledger import EntryKind
from storefront.domain.order_states import SellerOrderStatus as S
from storefront.domain.stock import OutOfStock
from storefront.extensions import db
from storefront.hampers import services as hampers
from storefront.hampers.models import HamperOrderPart
from storefront.hampers.ordering import HamperUnavailable, place_hamper_order
from storefront.ledger.models import LedgerEntry
from storefront.models import Order, OrderLine, Product, SellerOrder
from storefront.pickup import services as pickup

RACERS = 30


def _three_sellers(make_seller, make_product, *, stock=(10, 10, 10)):
    kue = make_product(shop=make_seller(name="Mama Kue"), name="Kue Rambut", price=30000,
                       stock=stock[0])
    sambal = make_product(shop=make_seller(name="Mama Sambal"), name="Sambal Lu'at",
                          price=25000, stock=stock[1])
    tenun = make_product(shop=make_seller(name="Mama Tenun"), name="Selendang Tenun",
                         price=150000, stock=stock[2])
    return kue, sambal, tenun


def test_hamper_and_single_buyers_race_without_overselling(app, make_seller, make_product,
                                                           make_hamper):
    kue, sambal, tenun = _three_sellers(make_seller, make_product, stock=(12, 20, 9))
    hamper = make_hamper([(kue, 1, 25000), (sambal, 2, 10000), (tenun, 1, 140000)])
    db.session.commit()
    ids = {"kue": kue.id, "sambal": sambal.id, "tenun": tenun.id}
    prices = {kue.id: kue.price, sambal.id: sambal.price, tenun.id: tenun.price}
    hamper_id, hamper_price = hamper.id, hamper.price
    start = threading.Barrier(2 * RACERS)
    results: list[str] = []
    lock = threading.Lock()

    def buy(n: int, kind: str) -> None:
        with app.app_context():
            buyer = checkout.Buyer(name=f"Pembeli {n}", phone=f"+62813{n:08d}")
            start.wait()
            try:
                if kind == "hamper":
                    place_hamper_order(hamper_id, 1, hamper_price, buyer)
                else:
                    pid = [ids["kue"], ids["sambal"], ids["tenun"]][n % 3]
                    checkout.place_order({pid: (1, prices[pid])}, buyer, {})
                db.session.commit()
                outcome = f"{kind}:sold"
            except (OutOfStock, HamperUnavailable):
                db.session.rollback()
                outcome = f"{kind}:out"
            except Exception as exc:  # noqa: BLE001 - reported by the assertion below
                db.session.rollback()
                outcome = f"error:{type(exc).__name__}:{exc}"
            finally:
                db.session.remove()
            with lock:
                results.append(outcome)

    threads = [threading.Thread(target=buy, args=(n, kind))
               for n in range(RACERS) for kind in ("hamper", "single")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)

    assert len(results) == 2 * RACERS
    assert not [r for r in results if r.startswith("error")], results
    db.session.expire_all()
    stock = dict(db.session.execute(sa.select(Product.id, Product.stock)).all())
    assert all(left >= 0 for left in stock.values()), stock
    sold = dict(db.session.execute(sa.select(OrderLine.product_id, sa.func.sum(OrderLine.quantity))
                                   .group_by(OrderLine.product_id)).all())
    for pid, start_stock in ((ids["kue"], 12), (ids["sambal"], 20), (ids["tenun"], 9)):
        assert sold.get(pid, 0) + stock[pid] == start_stock  # nothing lost, nothing oversold
    hamper_orders = results.count("hamper:sold")
    assert hamper_orders >= 1
    # every hamper order holds all three parts, in the right amounts
    parts = db.session.scalars(sa.select(HamperOrderPart)).all()
    by_order: dict[int, set[int]] = {}
    for hp in parts:
        so = db.session.get(SellerOrder, hp.seller_order_id)
        by_order.setdefault(so.order_id, set()).update(line.product_id for line in so.lines)
    assert len(by_order) == hamper_orders
    assert all(held == set(ids.values()) for held in by_order.values())
    hamper_units = {ids["kue"]: 1, ids["sambal"]: 2, ids["tenun"]: 1}
    singles_sold = results.count("single:sold")
    total_single_units = sum(sold.get(pid, 0) - hamper_orders * q for pid, q in hamper_units.items())
    assert total_single_units == singles_sold
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Order)) == hamper_orders + singles_sold


def test_hamper_order_splits_per_seller_and_ledger_comes_to_its_price(
        app, make_seller, make_product, make_hamper, make_staff):
    kue, sambal, tenun = _three_sellers(make_seller, make_product)
    extra = make_product(shop=kue.shop, name="Kue Cucur", price=10000, stock=10)
    hamper = make_hamper([(kue, 1, 20000), (extra, 2, 5000), (sambal, 1, 20000),
                          (tenun, 1, 135000)], price=185000)
    staff = make_staff()
    buyer = checkout.Buyer(name="Ibu Ana", phone="+6281311112222")
    order = place_hamper_order(hamper.id, 2, hamper.price, buyer)
    db.session.commit()

    assert order.total == 2 * 185000
    parts = {p.shop_id: p for p in order.parts}
    assert set(parts) == {kue.shop_id, sambal.shop_id, tenun.shop_id}
    assert parts[kue.shop_id].total == 2 * (20000 + 2 * 5000)
    assert {line.product_id for line in parts[kue.shop_id].lines} == {kue.id, extra.id}
    assert [line.product_id for line in parts[sambal.shop_id].lines] == [sambal.id]
    assert parts[tenun.shop_id].total == 2 * 135000
    assert sum(p.total for p in order.parts) == order.total
    assert all(p.status == S.NEW for p in order.parts)
    assert db.session.get(Product, extra.id).stock == 10 - 4

    parcels = pickup.parcels_of_order(order.id)
    assert {p.point_id for p in parcels} == {hamper.point_id}
    for part in order.parts:
        part.status = S.READY
    for parcel in parcels:
        pickup.receive(parcel, staff)
    code = pickup.code_of_order(order.id).code
    pickup.hand_over(hamper.point, order, code, staff)
    db.session.commit()
    assert all(p.status == S.COMPLETED for p in order.parts)
    sales = db.session.scalars(sa.select(LedgerEntry).where(LedgerEntry.kind == EntryKind.SALE)).all()
    assert sorted((e.shop_id, e.amount) for e in sales) == sorted(
        (p.shop_id, p.total) for p in order.parts)
    assert sum(e.amount for e in sales) == 2 * hamper.price


@pytest.mark.parametrize("breaks", ["unpublish_product", "archive_product", "suspend_shop",
                                    "holiday", "sold_out", "archive_hamper"])
def test_hamper_unavailable_at_once_when_a_component_is(app, make_seller, make_product,
                                                        make_hamper, make_staff, breaks):
    from storefront.domain.listing import ListingStatus
    from storefront.shops.models import ShopStatus

    kue, sambal, tenun = _three_sellers(make_seller, make_product)
    hamper = make_hamper([(kue, 1, 30000), (sambal, 1, 25000), (tenun, 1, 150000)])
    db.session.commit()
    assert hampers.is_available(hamper)
    if breaks == "unpublish_product":
        sambal.status = ListingStatus.CHANGES_REQUESTED
    elif breaks == "archive_product":
        sambal.status = ListingStatus.ARCHIVED
    elif breaks == "suspend_shop":
        sambal.shop.status = ShopStatus.SUSPENDED
    elif breaks == "holiday":
        sambal.shop.on_holiday = True
    elif breaks == "sold_out":
        sambal.stock = 0
    else:
        hampers.archive(hamper, make_staff())
    db.session.commit()
    db.session.expire_all()
    fresh = hampers.get(hamper.id)
    assert not hampers.is_available(fresh)
    with pytest.raises(HamperUnavailable):
        place_hamper_order(hamper.id, 1, hamper.price, checkout.Buyer(name="A", phone="+6281300000001"))
    db.session.rollback()
    assert db.session.get(Product, kue.id).stock == 10  # nothing taken


def test_made_to_order_component_needs_its_lead_time(app, make_seller, make_product, make_hamper):
    from datetime import timedelta

    from storefront import clock
    from storefront.hampers.ordering import HamperDateNeeded

    kue = make_product(shop=make_seller(), name="Kue Lapis", made_to_order=True, lead_days=3,
                       daily_capacity=2)
    tenun = make_product(shop=make_seller(), stock=5)
    hamper = make_hamper([(kue, 1, 50000), (tenun, 1, 100000)])
    buyer = checkout.Buyer(name="A", phone="+6281300000001")
    today = clock.today_local()
    with pytest.raises(HamperDateNeeded):
        place_hamper_order(hamper.id, 1, hamper.price, buyer)
    with pytest.raises(HamperDateNeeded) as exc:
        place_hamper_order(hamper.id, 1, hamper.price, buyer, wanted_date=today + timedelta(days=1))
    assert exc.value.earliest >= today + timedelta(days=3)
    day = exc.value.earliest
    order = place_hamper_order(hamper.id, 2, hamper.price, buyer, wanted_date=day)
    assert all(p.wanted_date == day for p in order.parts)
    with pytest.raises(OutOfStock):  # the day's capacity (2) is used up
        place_hamper_order(hamper.id, 1, hamper.price, buyer, wanted_date=day)
