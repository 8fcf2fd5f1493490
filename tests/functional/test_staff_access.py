"""Acceptance 5: every /staf route, for every role. New routes are picked up automatically."""
import pytest

from storefront import create_app
from storefront.accounts.models import Role
from storefront.extensions import db
from storefront.staff.permissions import PERMISSIONS
from tests.sqlite_only import backend  # noqa: F401 - access matrices run on SQLite


def _staff_routes() -> list[tuple[str, str]]:
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    routes = []
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/staf"):
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                routes.append((rule.endpoint, method))
    return sorted(routes)


ROUTES = _staff_routes()
ROLES = ["anonymous", "buyer", "seller", "staff"]


def test_the_route_list_is_not_empty():
    endpoints = {endpoint for endpoint, _ in ROUTES}
    assert {"staff.home", "curation.queue", "curation.approve", "curation.shops",
            "curation.audit", "collections_staff.index"} <= endpoints


def _with_every_permission(make_user):
    """Staff with the admin and finance permissions: routes that need one check it after the
    role. Not mentor: a mentor without the seller's consent is refused (403) by design."""
    user = make_user(Role.STAFF)
    user.permissions = ",".join(name for name in PERMISSIONS if name != "mentor")
    return user


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("endpoint", "method"), ROUTES)
def test_only_staff_reach_staff_routes(app, client, login, make_user, make_product,
                                       make_collection, place_order, endpoint, method, role):
    product = make_product()
    collection = make_collection(products=[product])
    order = place_order({product: 1})
    values = {"product_id": product.id, "shop_id": product.shop_id,
              "collection_id": collection.id, "size": "a4", "part_id": order.parts[0].id}
    users = {"buyer": lambda: make_user(Role.BUYER), "staff": lambda: _with_every_permission(make_user),
             "seller": lambda: product.shop.owner}
    user = users[role]() if role != "anonymous" else None
    if role == "staff":
        user.permissions = "admin"  # staff permissions (/staf/hak-akses) are for admins
    db.session.commit()
    if user is not None:
        login(user)
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    # arguments this test cannot fill get an id that exists nowhere: access is still checked first
    unknown = set(rule.arguments) - set(values)
    from flask import url_for

    url = url_for(endpoint, **{name: values.get(name, 987654) for name in rule.arguments})
    assert url.startswith("/staf") or "/staf" in url
    response = client.open(url, method=method, data={})
    if role == "anonymous":
        assert response.status_code == 302 and "/akun/masuk" in response.location
    elif role in ("buyer", "seller"):
        assert response.status_code == 403
    else:
        expected = (200,) if method == "GET" else (200, 302, 400, 422)
        if unknown:
            expected = (*expected, 404)
        assert response.status_code in expected, response.status_code
        if response.status_code == 302:
            assert "/akun/masuk" not in response.location
