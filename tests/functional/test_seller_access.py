"""Acceptance 2: every /penjual route, enumerated from the URL map so new routes are covered.

Another seller's ids answer 404, a buyer gets 403, an anonymous visitor goes to the login page.
"""
import pytest
import sqlalchemy as sa

from storefront import create_app
from storefront.accounts.models import Role
from storefront.catalog.models import Product, ProductPhoto
from storefront.domain.listing import ListingStatus
from storefront.extensions import db
from tests.sqlite_only import backend  # noqa: F401 - access matrices run on SQLite

#: Route arguments this test knows how to fill with the OTHER seller's objects.
#: An argument not listed here gets an id that exists nowhere, which must still be 404.
KNOWN_ARGS = {"product_id", "photo_id"}
#: A form body good enough to pass validation on any POST route, so ownership is what is tested.
BODY = {"step": "1", "stock": "3", "name": "Diubah", "description": "x", "price": "10.000",
        "area": "Oebobo"}


def _seller_routes() -> list[tuple[str, str]]:
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    routes = []
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/penjual"):
            for method in sorted(rule.methods & {"GET", "POST"}):
                routes.append((rule.endpoint, method))
    assert len(routes) >= 12
    return sorted(routes)


ROUTES = _seller_routes()


def _rule(app, endpoint: str):
    return next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)


@pytest.fixture
def world(make_seller, make_user, make_product):
    mine = make_seller()
    theirs = make_seller()
    buyer = make_user(Role.BUYER)
    mine_product = make_product(shop=mine, status=ListingStatus.DRAFT)
    their_product = make_product(shop=theirs, name="Tenun Milik Orang Lain",
                                 status=ListingStatus.DRAFT)
    their_photo = ProductPhoto(product_id=their_product.id, key="products/x/other", position=0,
                               width=10, height=10)
    mine_photo = ProductPhoto(product_id=mine_product.id, key="products/x/mine", position=0,
                              width=10, height=10)
    db.session.add_all([their_photo, mine_photo])
    db.session.commit()
    return {"mine": mine, "theirs": theirs, "buyer": buyer, "mine_product": mine_product,
            "their_product": their_product, "their_photo": their_photo, "mine_photo": mine_photo}


def _url(app, endpoint: str, values: dict) -> str:
    rule = _rule(app, endpoint)
    args = {name: values.get(name, 987654) for name in rule.arguments}
    with app.test_request_context():
        from flask import url_for

        return url_for(endpoint, **args)


def _call(client, method: str, url: str):
    if method == "GET":
        return client.get(url)
    return client.post(url, data=BODY)


def _snapshot(product_id: int):
    db.session.expire_all()
    product = db.session.get(Product, product_id)
    return (product.name, product.status, product.stock, [p.id for p in product.photos])


@pytest.mark.parametrize(("endpoint", "method"), ROUTES)
def test_anonymous_goes_to_login(app, client, world, endpoint, method):
    url = _url(app, endpoint, {"product_id": world["mine_product"].id,
                               "photo_id": world["mine_photo"].id})
    response = _call(client, method, url)
    assert response.status_code == 302
    assert "/akun/masuk" in response.headers["Location"]


@pytest.mark.parametrize(("endpoint", "method"), ROUTES)
def test_buyer_is_forbidden(app, client, login, world, endpoint, method):
    login(world["buyer"])
    url = _url(app, endpoint, {"product_id": world["their_product"].id,
                               "photo_id": world["their_photo"].id})
    assert _call(client, method, url).status_code == 403


@pytest.mark.parametrize(("endpoint", "method"), ROUTES)
def test_another_sellers_things_are_404(app, client, login, world, endpoint, method):
    login(world["mine"].owner)
    rule = _rule(app, endpoint)
    before = _snapshot(world["their_product"].id)
    url = _url(app, endpoint, {"product_id": world["their_product"].id,
                               "photo_id": world["their_photo"].id})
    response = _call(client, method, url)
    if rule.arguments:
        assert response.status_code == 404, url
    else:  # her own pages: they work and never show the other shop's products
        assert response.status_code in (200, 302), url
        body = response.get_data()  # PDFs and images too: never the other shop's product
        assert b"Tenun Milik Orang Lain" not in body
    assert _snapshot(world["their_product"].id) == before


@pytest.mark.parametrize(("endpoint", "method"),
                         [r for r in ROUTES if "photo_id" in str(r)] or
                         [("seller.remove_photo", "POST"), ("seller.move_photo", "POST")])
def test_her_product_with_another_sellers_photo_is_404(app, client, login, world, endpoint, method):
    """Editing only the photo id in a form action, on her own product, still finds nothing."""
    login(world["mine"].owner)
    url = _url(app, endpoint, {"product_id": world["mine_product"].id,
                               "photo_id": world["their_photo"].id})
    assert _call(client, method, url).status_code == 404
    db.session.expire_all()
    assert db.session.get(ProductPhoto, world["their_photo"].id) is not None


def test_the_routes_cover_every_seller_tool():
    endpoints = {endpoint for endpoint, _ in ROUTES}
    assert {"seller.home", "seller.profile", "seller.products", "seller.new_product",
            "seller.edit_product", "seller.update_stock", "seller.submit_product",
            "seller.archive_product", "seller.restore_product", "seller.duplicate_product",
            "seller.remove_photo", "seller.move_photo"} <= endpoints


def test_a_sellers_list_shows_only_her_products(client, login, world):
    login(world["mine"].owner)
    html = client.get("/penjual/produk").get_data(as_text=True)
    assert world["mine_product"].name in html
    assert "Tenun Milik Orang Lain" not in html
    assert db.session.scalar(sa.select(sa.func.count(Product.id))) == 2
