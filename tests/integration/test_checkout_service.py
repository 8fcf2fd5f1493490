"""Placing orders through the service layer, on SQLite and PostgreSQL."""
from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa

from storefront import clock
from storefront.checkout import services
from storefront.checkout.services import ShopChoice
from storefront.domain.order_states import SellerOrderStatus as S
from storefront.domain.stock import OutOfStock
from storefront.extensions import db
from storefront.models import CapacityBooking, Notification, Order, Product, SellerOrderEvent
from storefront.orders.models import Fulfilment
from storefront.shops.models import ShopStatus


def stock_of(product):
    return db.session.scalar(sa.select(Product.stock).where(Product.id == product.id))


def test_three_shops_make_one_order_with_three_seller_orders(
        make_shop, make_product, make_delivery_fee, place_order):
    shops = [make_shop(name=f"Dapur {n}") for n in "ABC"]
    sambal = make_product(shop=shops[0], name="Sambal Luat", price=25000, stock=5)
    kue = make_product(shop=shops[0], name="Kue Rambut", price=15000, stock=5)
    tenun = make_product(shop=shops[1], name="Selendang Tenun", price=350000, stock=2)
    seI = make_product(shop=shops[2], name="Se'i Sapi", price=90000, stock=4)
    make_delivery_fee(shops[1], "Oebobo", 12000)
    db.session.commit()

    order = place_order({sambal: 2, kue: 1, tenun: 1, seI: 3},
                        choices={shops[1].id: ShopChoice(Fulfilment.DELIVERY)},
                        address="Jl. Frans Seda 1", area="Oebobo")
    db.session.commit()

    assert order.number.startswith("PI-") and len(order.token) >= 32
    parts = {part.shop_id: part for part in order.parts}
    assert len(parts) == 3
    assert parts[shops[0].id].subtotal == 65000 and parts[shops[0].id].delivery_fee == 0
    assert parts[shops[1].id].fulfilment == Fulfilment.DELIVERY
    assert parts[shops[1].id].total == 362000
    assert parts[shops[2].id].total == 270000
    assert order.total == 65000 + 362000 + 270000
    snapshot = parts[shops[2].id].lines[0]
    assert (snapshot.product_name, snapshot.unit_price, snapshot.shop_name, snapshot.quantity) \
        == ("Se'i Sapi", 90000, "Dapur C", 3)
    # later edits never change the snapshot
    seI.name, seI.price = "Se'i Babi", 1000
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Order, order.id).parts[2].lines[0].unit_price == 90000
    assert (stock_of(sambal), stock_of(kue), stock_of(tenun), stock_of(seI)) == (3, 4, 1, 1)
    # cash: placed as awaiting payment, then released to the seller as new
    for part in order.parts:
        assert part.status == S.NEW
        moves = [(e.from_status, e.to_status) for e in db.session.scalars(
            sa.select(SellerOrderEvent).where(SellerOrderEvent.seller_order_id == part.id)
            .order_by(SellerOrderEvent.id))]
        assert moves == [(None, S.AWAITING_PAYMENT), (S.AWAITING_PAYMENT, S.NEW)]
    notes = db.session.scalars(sa.select(Notification)).all()
    assert sorted(n.user_id for n in notes) == sorted(s.owner_id for s in shops)
    assert all(order.number in n.text and n.wa_link.startswith("https://wa.me/") for n in notes)


def test_one_failing_line_rolls_back_everything(make_shop, make_product, place_order):
    a, b = make_shop(), make_shop()
    first = make_product(shop=a, stock=5)
    short = make_product(shop=b, name="Tenun Sotis", stock=1)
    made = make_product(shop=a, made_to_order=True, lead_days=1, daily_capacity=3)
    db.session.commit()
    wanted = clock.today_local() + timedelta(days=10)  # within the 60 days offered

    with pytest.raises(OutOfStock) as info:
        place_order({first: 2, made: 2, short: 2},
                    choices={a.id: ShopChoice(wanted_date=wanted)})
    db.session.rollback()

    assert info.value.name == "Tenun Sotis" and info.value.available == 1
    assert stock_of(first) == 5 and stock_of(short) == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Order)) == 0
    assert db.session.scalar(sa.select(sa.func.coalesce(sa.func.sum(CapacityBooking.booked), 0))) == 0


def test_stock_update_guard_refuses_even_when_the_plan_was_stale(make_product, place_order):
    product = make_product(stock=2)
    db.session.commit()
    # another checkout takes the stock between our read and our UPDATE
    db.session.execute(sa.update(Product).where(Product.id == product.id).values(stock=0))
    db.session.commit()
    with pytest.raises(OutOfStock):
        services._take_stock(product, 1)
    db.session.rollback()
    assert stock_of(product) == 0


def test_made_to_order_capacity_per_day_and_lead_time(make_shop, make_product, place_order):
    clock.freeze(datetime(2026, 12, 1, 2, 0))
    shop = make_shop()
    kue = make_product(shop=shop, made_to_order=True, lead_days=2, daily_capacity=3)
    db.session.commit()
    with pytest.raises(services.DateNeeded) as info:
        place_order({kue: 1}, choices={shop.id: ShopChoice(wanted_date=date(2026, 12, 2))})
    assert info.value.earliest == date(2026, 12, 3)
    db.session.rollback()
    day = ShopChoice(wanted_date=date(2026, 12, 3))
    place_order({kue: 2}, choices={shop.id: day})
    db.session.commit()
    with pytest.raises(OutOfStock) as info:
        place_order({kue: 2}, choices={shop.id: day})
    db.session.rollback()
    assert info.value.reason == "capacity" and info.value.available == 1
    other_day = place_order({kue: 3}, choices={shop.id: ShopChoice(wanted_date=date(2026, 12, 4))})
    db.session.commit()
    assert other_day.parts[0].wanted_date == date(2026, 12, 4)


@pytest.mark.parametrize("closed", ["suspended", "holiday"])
def test_closed_shops_are_refused(make_shop, make_product, place_order, closed):
    shop = make_shop(on_holiday=closed == "holiday",
                     status=ShopStatus.SUSPENDED if closed == "suspended" else ShopStatus.ACTIVE)
    product = make_product(shop=shop)
    db.session.commit()
    with pytest.raises(services.ShopClosed):
        place_order({product: 1})
    db.session.rollback()
    assert stock_of(product) == 10


def test_tampered_price_is_never_used(make_product):
    product = make_product(price=25000)
    db.session.commit()
    buyer = services.Buyer(name="X", phone="+6281399990000")
    with pytest.raises(services.PriceChanged):
        services.place_order({product.id: (1, 1)}, buyer, {})
    db.session.rollback()
    assert stock_of(product) == 10


@pytest.mark.parametrize("quantity", [0, -1, 10**9])
def test_tampered_quantities_refused(make_product, quantity):
    product = make_product(price=25000, stock=10**6)
    db.session.commit()
    buyer = services.Buyer(name="X", phone="+6281399990000")
    with pytest.raises(services.BadQuantity):
        services.place_order({product.id: (quantity, 25000)}, buyer, {})


def test_delivery_needs_a_fee_for_the_area(make_shop, make_product, make_delivery_fee,
                                           place_order):
    shop = make_shop()
    product = make_product(shop=shop)
    make_delivery_fee(shop, "Alak", 5000)
    db.session.commit()
    choice = {shop.id: ShopChoice(Fulfilment.DELIVERY)}
    with pytest.raises(services.DeliveryNotOffered):
        place_order({product: 1}, choices=choice, address="Jl. A", area="Oebobo")
    db.session.rollback()
    with pytest.raises(services.AddressNeeded):
        place_order({product: 1}, choices=choice, address="", area="Alak")
    db.session.rollback()
    order = place_order({product: 1}, choices=choice, address="Jl. A", area="Alak")
    assert order.total == 25000 + 5000


def test_order_numbers_run_per_month(make_product, place_order):
    clock.freeze(datetime(2026, 12, 5, 1, 0))
    product = make_product(stock=50)
    db.session.commit()
    first = place_order({product: 1})
    second = place_order({product: 1})
    clock.freeze(datetime(2027, 1, 2, 1, 0))
    third = place_order({product: 1})
    db.session.commit()
    assert (first.number, second.number, third.number) == (
        "PI-2612-0001", "PI-2612-0002", "PI-2701-0001")


def test_cancel_returns_booked_capacity_and_records_the_actor(make_user, make_shop, make_product,
                                                               place_order):
    from storefront.accounts.models import Role
    from storefront.orders.services import cancel

    clock.freeze(datetime(2026, 12, 1, 2, 0))
    staff = make_user(Role.STAFF)
    shop = make_shop()
    kue = make_product(shop=shop, made_to_order=True, lead_days=1, daily_capacity=2)
    db.session.commit()
    order = place_order({kue: 2}, choices={shop.id: ShopChoice(wanted_date=date(2026, 12, 5))})
    db.session.commit()
    assert db.session.scalar(sa.select(CapacityBooking.booked)) == 2
    cancel(order.parts[0], staff, "Bahan tidak ada", by_staff=True)
    db.session.commit()
    assert db.session.scalar(sa.select(CapacityBooking.booked)) == 0
    last = db.session.scalar(sa.select(SellerOrderEvent).order_by(SellerOrderEvent.id.desc()))
    assert (last.from_status, last.to_status, last.actor_id, last.note) == (
        S.NEW, S.CANCELLED, staff.id, "Bahan tidak ada")
    assert order.status.value == "cancelled"
    # the day is free again
    place_order({kue: 2}, choices={shop.id: ShopChoice(wanted_date=date(2026, 12, 5))})
    db.session.commit()
