"""Seller inbox, staff list, tracking link and history: who sees what, and every move."""
import sqlalchemy as sa

from storefront.accounts.models import Role
from storefront.checkout.services import ShopChoice
from storefront.domain.order_states import SellerOrderStatus as S
from storefront.extensions import db
from storefront.models import AuditEntry, Product, SellerOrder, SellerOrderEvent
from storefront.orders.models import Fulfilment


def three_shop_order(make_shop, make_product, make_delivery_fee, place_order):
    shops = [make_shop(name=f"Dapur Mama {n}") for n in "ABC"]
    products = [make_product(shop=shop, name=f"Produk {shop.name}", price=price, stock=5)
                for shop, price in zip(shops, (11000, 23000, 37000), strict=True)]
    make_delivery_fee(shops[2], "Oebobo", 7000)
    order = place_order({p: 2 for p in products},
                        choices={shops[2].id: ShopChoice(Fulfilment.DELIVERY)},
                        address="Jl. Timor Raya 9", area="Oebobo", name="Ibu Maria",
                        phone="+6281311112222")
    db.session.commit()
    return order, shops, products


def test_each_seller_sees_only_her_part(client, login, make_shop, make_product,
                                        make_delivery_fee, place_order):
    order, shops, products = three_shop_order(make_shop, make_product, make_delivery_fee,
                                              place_order)
    for i, shop in enumerate(shops):
        login(shop.owner)
        page = client.get("/penjual/pesanan/").get_data(as_text=True)
        assert order.number in page and "Ibu Maria" in page and "+6281311112222" in page
        assert products[i].name in page
        for j, other in enumerate(products):
            if j != i:
                assert other.name not in page
        own = next(p for p in order.parts if p.shop_id == shop.id)
        assert f"so-{own.id}" in page
        totals = ["Rp 22.000", "Rp 46.000", "Rp 81.000"]
        assert totals[i] in page
        assert not [t for j, t in enumerate(totals) if j != i and t in page]
        assert "Rp 149.000" not in page  # nobody sees the whole order's total
        if i == 2:
            assert "Jl. Timor Raya 9" in page and "Rp 7.000" in page
        else:
            assert "Jl. Timor Raya 9" not in page
        assert "https://wa.me/6281311112222?text=" in page
    assert order.total == 22000 + 46000 + 74000 + 7000


def test_seller_one_tap_moves_and_another_sellers_order_is_404(
        client, login, make_shop, make_product, make_delivery_fee, place_order):
    order, shops, _products = three_shop_order(make_shop, make_product, make_delivery_fee,
                                               place_order)
    mine = next(p for p in order.parts if p.shop_id == shops[0].id)
    theirs = next(p for p in order.parts if p.shop_id == shops[1].id)
    login(shops[0].owner)
    assert client.post(f"/penjual/pesanan/{theirs.id}/langkah", data={"to": "accepted"}) \
        .status_code == 404
    assert client.post(f"/penjual/pesanan/{theirs.id}/batal", data={"reason": "x"}) \
        .status_code == 404
    for target in ("accepted", "ready", "completed"):
        assert client.post(f"/penjual/pesanan/{mine.id}/langkah", data={"to": target}) \
            .status_code == 302
    # completed -> new (and nonsense) is refused with a message, never a 500
    for target in ("new", "awaiting_payment", "bogus", ""):
        response = client.post(f"/penjual/pesanan/{mine.id}/langkah", data={"to": target})
        assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(SellerOrder, mine.id).status == S.COMPLETED
    assert db.session.get(SellerOrder, theirs.id).status == S.NEW
    actors = db.session.scalars(sa.select(SellerOrderEvent.actor_id).where(
        SellerOrderEvent.seller_order_id == mine.id, SellerOrderEvent.to_status == S.READY)).all()
    assert actors == [shops[0].owner_id]


def test_seller_cancels_before_accepting_and_stock_returns(
        client, login, make_shop, make_product, make_delivery_fee, place_order):
    order, shops, products = three_shop_order(make_shop, make_product, make_delivery_fee,
                                              place_order)
    part = next(p for p in order.parts if p.shop_id == shops[0].id)
    login(shops[0].owner)
    assert client.post(f"/penjual/pesanan/{part.id}/batal", data={"reason": ""}).status_code == 302
    assert db.session.scalar(sa.select(SellerOrder.status).where(SellerOrder.id == part.id)) \
        == S.NEW
    client.post(f"/penjual/pesanan/{part.id}/batal", data={"reason": "Bahan habis"})
    db.session.expire_all()
    assert db.session.get(SellerOrder, part.id).status == S.CANCELLED
    assert db.session.get(Product, products[0].id).stock == 5
    assert db.session.get(Product, products[1].id).stock == 3
    other = next(p for p in order.parts if p.shop_id == shops[1].id)
    login(shops[1].owner)
    client.post(f"/penjual/pesanan/{other.id}/langkah", data={"to": "accepted"})
    client.post(f"/penjual/pesanan/{other.id}/batal", data={"reason": "Tidak jadi"})
    db.session.expire_all()
    assert db.session.get(SellerOrder, other.id).status == S.ACCEPTED  # too late for her


def test_staff_filters_and_cancels_with_audit(client, login, make_user, make_shop, make_product,
                                              make_delivery_fee, place_order):
    order, shops, products = three_shop_order(make_shop, make_product, make_delivery_fee,
                                              place_order)
    staff = make_user(Role.STAFF)
    db.session.commit()
    login(staff)
    page = client.get("/staf/pesanan/").get_data(as_text=True)
    assert all(shop.name in page for shop in shops)
    page = client.get(f"/staf/pesanan/?shop={shops[1].id}").get_data(as_text=True)
    assert f"{order.number} · {shops[1].name}" in page
    assert f"{order.number} · {shops[0].name}" not in page
    assert client.get("/staf/pesanan/?status=cancelled").get_data(as_text=True).count("so-") == 0
    assert client.get("/staf/pesanan/?status=bogus&shop=x").status_code == 200
    part = next(p for p in order.parts if p.shop_id == shops[1].id)
    client.post(f"/staf/pesanan/{part.id}/batal", data={"reason": "Penjual sakit"})
    db.session.expire_all()
    assert db.session.get(SellerOrder, part.id).status == S.CANCELLED
    assert db.session.get(Product, products[1].id).stock == 5
    entry = db.session.scalar(sa.select(AuditEntry))
    assert (entry.action, entry.actor_id, entry.shop_id, entry.reason, entry.subject) == (
        "order.cancel", staff.id, shops[1].id, "Penjual sakit", order.number)
    assert client.post(f"/staf/pesanan/{part.id}/batal", data={"reason": "lagi"}).status_code == 302
    assert client.post("/staf/pesanan/999999/batal", data={"reason": "x"}).status_code == 404
    page = client.get("/staf/pesanan/?status=cancelled").get_data(as_text=True)
    assert "Penjual sakit" in page


def test_tracking_link_shows_every_part_and_guesses_get_404(
        client, make_shop, make_product, make_delivery_fee, place_order):
    order, shops, _ = three_shop_order(make_shop, make_product, make_delivery_fee, place_order)
    page = client.get(f"/pesanan/{order.token}").get_data(as_text=True)
    assert order.number in page and all(shop.name in page for shop in shops)
    assert page.count("Baru") >= 3
    for guess in (order.token[:-1] + ("A" if order.token[-1] != "A" else "B"), order.number,
                  "x" * 200, str(order.id)):
        assert client.get(f"/pesanan/{guess}").status_code == 404
        assert client.get(f"/pesanan/{guess}/terima-kasih").status_code == 404


def test_seller_inbox_query_count_does_not_grow(client, login, count_queries, make_shop,
                                               make_product, place_order):
    shop = make_shop()
    product = make_product(shop=shop, stock=100)
    db.session.commit()
    place_order({product: 1})
    db.session.commit()
    login(shop.owner)
    with count_queries() as few:
        assert client.get("/penjual/pesanan/").status_code == 200
    for _ in range(6):
        place_order({product: 1})
    db.session.commit()
    with count_queries() as many:
        page = client.get("/penjual/pesanan/").get_data(as_text=True)
    assert page.count('class="cart-shop order-card') == 7
    assert many() == few()


def test_history_shows_only_her_orders(client, login, make_user, make_product, place_order):
    her, other = make_user(Role.BUYER), make_user(Role.BUYER)
    product = make_product(stock=10)
    db.session.commit()
    mine = place_order({product: 1}, user=her)
    theirs = place_order({product: 1}, user=other)
    db.session.commit()
    login(her)
    page = client.get("/akun/pesanan").get_data(as_text=True)
    assert mine.number in page and theirs.number not in page


def test_staff_list_query_count_does_not_grow(client, login, count_queries, make_user,
                                              make_shop, make_product, place_order):
    staff = make_user(Role.STAFF)
    products = [make_product(shop=make_shop(), stock=50) for _ in range(3)]
    db.session.commit()
    place_order({products[0]: 1})
    db.session.commit()
    login(staff)
    with count_queries() as few:
        client.get("/staf/pesanan/")
    for _ in range(4):
        place_order({p: 1 for p in products})
    db.session.commit()
    with count_queries() as many:
        page = client.get("/staf/pesanan/").get_data(as_text=True)
    assert page.count('id="so-') == 13
    assert many() == few()
