"""Pickup points, handover codes and hampers through the web: bad input and every role."""
import re

import pytest
import sqlalchemy as sa

from storefront import clock, create_app
from storefront.accounts.models import Role
from storefront.checkout.services import Buyer
from storefront.domain.order_states import SellerOrderStatus as S
from storefront.extensions import db, limiter
from storefront.hampers.ordering import place_hamper_order
from storefront.models import PickupPoint, SellerOrder
from storefront.pickup import services as pickup
from storefront.pickup.models import HandoverCode, shop_pickup_points


@pytest.fixture
def hamper_order(app, make_seller, make_product, make_hamper, make_staff):
    kue = make_product(shop=make_seller(name="Mama Kue"), name="Kue Rambut", price=30000)
    tenun = make_product(shop=make_seller(name="Mama Tenun"), name="Selendang", price=150000)
    hamper = make_hamper([(kue, 1, 30000), (tenun, 1, 150000)], name="Hamper Kupang")
    order = place_hamper_order(hamper.id, 1, hamper.price,
                               Buyer(name="Ibu Ana", phone="+6281311112222"))
    staff = make_staff()
    db.session.commit()
    return hamper, order, staff


def _ready_and_received(order, staff):
    for part in order.parts:
        part.status = S.READY
    for parcel in pickup.parcels_of_order(order.id):
        pickup.receive(parcel, staff)
    db.session.commit()


def test_public_pickup_list_shows_only_active_points(client, make_pickup_point):
    make_pickup_point(name="Aula Gereja Kota Baru")
    make_pickup_point(name="Kantor Tutup", active=False)
    db.session.commit()
    page = client.get("/titik-ambil/").get_data(as_text=True)
    assert "Aula Gereja Kota Baru" in page and "Kantor Tutup" not in page


def test_map_link_must_be_https(client, login, make_staff):
    login(make_staff())
    data = {"name": "Aula", "address": "Jl. A", "opening_hours": "09-17",
            "map_url": "http://maps.example.org/x", "active": "y"}
    response = client.post("/staf/titik-ambil/", data=data)
    assert response.status_code == 422
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PickupPoint)) == 0
    data["map_url"] = "javascript:alert(1)"
    assert client.post("/staf/titik-ambil/", data=data).status_code == 422
    data["map_url"] = "https://maps.example.org/x"
    assert client.post("/staf/titik-ambil/", data=data).status_code == 302
    assert db.session.scalar(sa.select(PickupPoint.map_url)) == "https://maps.example.org/x"


def test_seller_chooses_only_active_points(client, login, make_seller, make_pickup_point):
    shop = make_seller()
    open_point = make_pickup_point()
    closed = make_pickup_point(active=False)
    db.session.commit()
    login(shop.owner)
    client.post("/penjual/titik-ambil/", data={"point": [str(open_point.id), str(closed.id), "x"]})
    chosen = db.session.scalars(sa.select(shop_pickup_points.c.point_id)
                                .where(shop_pickup_points.c.shop_id == shop.id)).all()
    assert chosen == [open_point.id]


def test_tracking_page_shows_code_and_qr_without_inline_script(client, hamper_order):
    _hamper, order, _staff = hamper_order
    code = db.session.scalar(sa.select(HandoverCode.code).where(HandoverCode.order_id == order.id))
    assert re.fullmatch(r"\d{6}", code)
    page = client.get(f"/pesanan/{order.token}").get_data(as_text=True)
    assert code in page and "<svg" in page
    assert "<script" not in page.split("<main", 1)[1] and 'style="' not in page


def test_wrong_code_refused_and_nothing_completes(client, login, hamper_order):
    hamper, order, staff = hamper_order
    _ready_and_received(order, staff)
    real = pickup.code_of_order(order.id).code
    wrong = "000000" if real != "000000" else "111111"
    login(staff)
    url = f"/staf/titik-ambil/{hamper.point_id}/serahkan/{order.id}"
    for bad in (wrong, real + "1", "abc", ""):
        response = client.post(url, data={"code": bad})
        assert response.status_code == 422
    body = client.post(url, data={"code": wrong}).get_data(as_text=True)
    assert "flash-error" in body and order.number in body
    db.session.expire_all()
    assert all(p.status == S.READY for p in db.session.scalars(
        sa.select(SellerOrder).where(SellerOrder.order_id == order.id)))


def test_repeated_wrong_codes_lock_the_order(client, login, hamper_order):
    hamper, order, staff = hamper_order
    _ready_and_received(order, staff)
    real = pickup.code_of_order(order.id).code
    wrong = "000000" if real != "000000" else "111111"
    login(staff)
    url = f"/staf/titik-ambil/{hamper.point_id}/serahkan/{order.id}"
    for _ in range(5):
        assert client.post(url, data={"code": wrong}).status_code == 422
    response = client.post(url, data={"code": real})  # locked: even the right code waits
    assert response.status_code == 429
    db.session.expire_all()
    assert all(p.status == S.READY for p in db.session.scalars(
        sa.select(SellerOrder).where(SellerOrder.order_id == order.id)))
    clock.freeze(clock.now() + pickup.handover.LOCK_FOR + pickup.handover.LOCK_FOR)
    assert client.post(url, data={"code": real}).status_code == 302
    db.session.expire_all()
    assert all(p.status == S.COMPLETED for p in db.session.scalars(
        sa.select(SellerOrder).where(SellerOrder.order_id == order.id)))


def test_handover_rate_limited_per_client(app, client, login, hamper_order):
    hamper, order, staff = hamper_order
    _ready_and_received(order, staff)
    login(staff)
    app.config["RATELIMIT_ENABLED"] = True
    limiter.enabled = True
    try:
        limiter.reset()
        url = f"/staf/titik-ambil/{hamper.point_id}/serahkan/{order.id}"
        codes = [client.post(url, data={"code": ""}).status_code for _ in range(11)]
    finally:
        limiter.enabled = False
        app.config["RATELIMIT_ENABLED"] = False
    assert codes[:10] == [422] * 10
    assert codes[10] == 429


def test_handover_needs_every_parcel_received(client, login, hamper_order):
    hamper, order, staff = hamper_order
    for part in order.parts:
        part.status = S.READY
    first = pickup.parcels_of_order(order.id)[0]
    pickup.receive(first, staff)
    db.session.commit()
    login(staff)
    response = client.post(f"/staf/titik-ambil/{hamper.point_id}/serahkan/{order.id}",
                           data={"code": pickup.code_of_order(order.id).code})
    assert response.status_code == 422


def test_receive_refused_before_seller_marks_ready(client, login, hamper_order):
    hamper, order, staff = hamper_order
    parcel = pickup.parcels_of_order(order.id)[0]
    login(staff)
    client.post(f"/staf/titik-ambil/{hamper.point_id}/terima/{parcel.id}")
    db.session.expire_all()
    assert pickup.parcels_of_order(order.id)[0].received_at is None
    # a parcel of another point is 404
    other = PickupPoint(name="Lain", address="x", opening_hours="x")
    db.session.add(other)
    db.session.commit()
    assert client.post(f"/staf/titik-ambil/{other.id}/terima/{parcel.id}").status_code == 404


def test_each_seller_sees_only_her_component(client, login, hamper_order):
    _hamper, order, _staff = hamper_order
    kue_part, tenun_part = sorted(order.parts, key=lambda p: p.lines[0].product_name)
    login(kue_part.shop.owner)
    page = client.get("/penjual/pesanan/").get_data(as_text=True)
    assert "Kue Rambut" in page and "Selendang" not in page
    # her step on the other seller's part is 404
    assert client.post(f"/penjual/pesanan/{tenun_part.id}/langkah",
                       data={"to": "accepted"}).status_code == 404


def test_hamper_with_archived_component_disappears_at_once(client, hamper_order):
    from storefront.domain.listing import ListingStatus
    from storefront.models import Product

    hamper, _order, _staff = hamper_order
    assert "Hamper Kupang" in client.get("/hampers/").get_data(as_text=True)
    product = db.session.get(Product, hamper.components[0].product_id)
    product.status = ListingStatus.ARCHIVED
    db.session.commit()
    assert "Hamper Kupang" not in client.get("/hampers/").get_data(as_text=True)
    response = client.post(f"/hampers/{hamper.slug}", data={
        "quantity": "1", "name": "Ana", "phone": "081311112222", "price_seen": str(hamper.price)})
    assert response.status_code == 409


def test_buying_a_hamper_through_the_page(client, make_seller, make_product, make_hamper):
    kue = make_product(shop=make_seller(), price=30000, stock=3)
    tenun = make_product(shop=make_seller(), price=150000, stock=3)
    hamper = make_hamper([(kue, 1, 30000), (tenun, 1, 150000)])
    db.session.commit()
    bad = client.post(f"/hampers/{hamper.slug}", data={"quantity": "-2", "name": "Ana",
                                                       "phone": "0813", "price_seen": "1"})
    assert bad.status_code == 422
    changed = client.post(f"/hampers/{hamper.slug}", data={
        "quantity": "1", "name": "Ana", "phone": "081311112222", "price_seen": "1000"})
    assert changed.status_code == 409
    too_many = client.post(f"/hampers/{hamper.slug}", data={
        "quantity": "4", "name": "Ana", "phone": "081311112222", "price_seen": str(hamper.price)})
    assert too_many.status_code == 409
    ok = client.post(f"/hampers/{hamper.slug}", data={
        "quantity": "2", "name": "Ana", "phone": "081311112222", "price_seen": str(hamper.price)})
    assert ok.status_code == 302 and "/terima-kasih" in ok.location
    db.session.expire_all()
    assert db.session.get(type(kue), kue.id).stock == 1


def test_staff_compose_refuses_shares_that_do_not_add_up(client, login, make_staff, make_product,
                                                         make_pickup_point, make_seller):
    a = make_product(shop=make_seller())
    b = make_product(shop=make_seller())
    point = make_pickup_point()
    login(make_staff())
    data = {"name": "Hamper Uji", "price": "100000", "point_id": str(point.id),
            "product-0": str(a.id), "qty-0": "1", "share-0": "40000",
            "product-1": str(b.id), "qty-1": "2", "share-1": "20000"}
    assert client.post("/staf/hampers/", data=data).status_code == 422
    data["share-1"] = "30000"
    assert client.post("/staf/hampers/", data=data).status_code == 302
    data.update({"name": "Satu penjual", "product-1": str(a.id)})
    assert client.post("/staf/hampers/", data=data).status_code == 422


def test_featured_hamper_shows_in_collection(client, login, make_staff, make_collection,
                                             hamper_order):
    hamper = hamper_order[0]
    collection = make_collection()
    login(make_staff())
    client.post(f"/staf/hampers/{hamper.id}/koleksi", data={"collection_id": str(collection.id)})
    assert "Hamper Kupang" in client.get(f"/koleksi/{collection.slug}").get_data(as_text=True)


# ---- every new route, for every role ---------------------------------------------------------

def _new_routes() -> list[tuple[str, str, str]]:
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    out = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint.split(".")[0] in ("pickup", "pickup_staff", "pickup_seller", "hampers",
                                           "hampers_staff"):
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                out.append((rule.endpoint, method, rule.rule))
    return sorted(out)


ROUTES = _new_routes()


def test_route_list_covers_the_features():
    assert {e for e, _m, _r in ROUTES} >= {
        "pickup.index", "pickup_staff.points", "pickup_staff.point", "pickup_staff.hand_over",
        "pickup_staff.receive", "pickup_seller.mine", "hampers.index", "hampers.detail",
        "hampers_staff.compose", "hampers_staff.archive", "hampers_staff.feature"}


@pytest.mark.parametrize("role", ["anonymous", "buyer", "seller", "staff"])
@pytest.mark.parametrize(("endpoint", "method", "rule"), ROUTES)
def test_access_for_every_role(app, client, login, make_user, hamper_order, endpoint, method,
                               rule, role):
    from flask import url_for

    hamper, order, staff = hamper_order
    parcel = pickup.parcels_of_order(order.id)[0]
    seller = order.parts[0].shop.owner
    values = {"point_id": hamper.point_id, "parcel_id": parcel.id, "order_id": order.id,
              "hamper_id": hamper.id, "slug": hamper.slug}
    user = {"anonymous": None, "buyer": make_user(Role.BUYER), "seller": seller,
            "staff": staff}[role]
    db.session.commit()
    if user is not None:
        login(user)
    url_rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    url = url_for(endpoint, **{name: values[name] for name in url_rule.arguments})
    response = client.open(url, method=method, data={})
    public = endpoint.startswith(("pickup.", "hampers."))
    needs = "staff" if "_staff." in endpoint else "seller" if "_seller." in endpoint else None
    if public:
        assert response.status_code in ((200,) if method == "GET" else (200, 302, 409, 422))
    elif role == "anonymous":
        assert response.status_code == 302 and "/akun/masuk" in response.location
    elif role != needs:
        assert response.status_code == 403
    else:
        assert response.status_code in ((200,) if method == "GET" else (200, 302, 422)), \
            response.status_code
    # nothing was handed over by any of these empty requests
    db.session.expire_all()
    assert all(p.status != S.COMPLETED for p in db.session.scalars(sa.select(SellerOrder)))


def test_buyer_chooses_her_sellers_pickup_point_at_checkout(client, make_seller, make_product,
                                                            make_pickup_point):
    shop = make_seller(name="Mama Sambal")
    other_shop = make_seller()
    product = make_product(shop=shop, name="Sambal Lu'at")
    point = make_pickup_point(name="Aula Oebobo", shops=[shop])
    foreign = make_pickup_point(name="Kantor Mitra", shops=[other_shop])
    db.session.commit()
    client.post("/keranjang/tambah", data={"product_id": str(product.id), "quantity": "1"})
    # a point she does not drop off at is not offered, and not taken
    client.post("/keranjang/ubah", data={f"mode-{shop.id}": f"point:{foreign.id}"})
    page = client.get("/keranjang/").get_data(as_text=True)
    assert "Aula Oebobo" in page and "Kantor Mitra" not in page
    client.post("/keranjang/ubah", data={f"mode-{shop.id}": f"point:{point.id}"})
    assert "Aula Oebobo" in client.get("/pesan/").get_data(as_text=True)
    response = client.post("/pesan/", data={"name": "Ibu Ana", "phone": "081311112222",
                                            "payment_method": "cash"})
    assert response.status_code == 302
    parcel = db.session.scalars(sa.select(pickup.PickupParcel)).one()
    assert parcel.point_id == point.id
    assert pickup.code_of_order(parcel.order_id) is not None


def test_checkout_refuses_a_point_she_left(app, make_seller, make_product, make_pickup_point,
                                           place_order):
    from storefront.checkout.services import ShopChoice

    shop = make_seller()
    product = make_product(shop=shop)
    point = make_pickup_point(shops=[])
    with pytest.raises(pickup.PointNotOffered):
        place_order({product: 1}, choices={shop.id: ShopChoice(pickup_point_id=point.id)})
