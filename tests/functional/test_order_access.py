"""Every cart, checkout, order and delivery-fee route, for every role."""
import pytest

from storefront.accounts.models import Role
from storefront.extensions import db
from tests.sqlite_only import backend  # noqa: F401 - access matrices run on SQLite

BLUEPRINTS = {"cart", "checkout", "orders", "seller_orders", "staff_orders", "delivery"}
ROLES = ["anonymous", "buyer", "seller", "other_seller", "staff"]

# What each role gets: "ok" (2xx/3xx other than a login redirect), "login", 403 or 404.
EXPECTED = {
    "cart.show": dict.fromkeys(ROLES, "ok"),
    "cart.add": dict.fromkeys(ROLES, "ok"),
    "cart.update": dict.fromkeys(ROLES, "ok"),
    "checkout.start": dict.fromkeys(ROLES, "ok"),
    "orders.track": dict.fromkeys(ROLES, "ok"),
    "orders.confirmation": dict.fromkeys(ROLES, "ok"),
    "orders.history": {"anonymous": "login", "buyer": "ok", "seller": "ok",
                       "other_seller": "ok", "staff": "ok"},
    "seller_orders.inbox": {"anonymous": "login", "buyer": 403, "seller": "ok",
                            "other_seller": "ok", "staff": 403},
    "seller_orders.step": {"anonymous": "login", "buyer": 403, "seller": "ok",
                           "other_seller": 404, "staff": 403},
    "seller_orders.cancel": {"anonymous": "login", "buyer": 403, "seller": "ok",
                             "other_seller": 404, "staff": 403},
    "staff_orders.index": {"anonymous": "login", "buyer": 403, "seller": 403,
                           "other_seller": 403, "staff": "ok"},
    "staff_orders.cancel": {"anonymous": "login", "buyer": 403, "seller": 403,
                            "other_seller": 403, "staff": "ok"},
    "delivery.fees": {"anonymous": "login", "buyer": 403, "seller": "ok",
                      "other_seller": "ok", "staff": 403},
}


def test_every_route_of_these_blueprints_is_listed(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()
                 if rule.endpoint.split(".")[0] in BLUEPRINTS}
    assert endpoints == set(EXPECTED)


@pytest.mark.parametrize("role", ROLES)
def test_every_order_route_for_every_role(app, client, login, make_user, make_shop, make_product,
                                         place_order, role):
    seller_shop = make_shop()
    other_shop = make_shop()
    product = make_product(shop=seller_shop, stock=10)
    users = {"buyer": make_user(Role.BUYER), "seller": seller_shop.owner,
             "other_seller": other_shop.owner, "staff": make_user(Role.STAFF)}
    db.session.commit()
    order = place_order({product: 1})
    db.session.commit()
    part = order.parts[0]
    if role != "anonymous":
        login(users[role])
    args = {"token": order.token, "part_id": part.id}
    for rule in app.url_map.iter_rules():
        if rule.endpoint not in EXPECTED:
            continue
        path = rule.rule
        for name, value in args.items():
            path = path.replace(f"<{name}>", str(value)).replace(f"<int:{name}>", str(value))
        method = "POST" if "POST" in rule.methods and "GET" not in rule.methods else "GET"
        data = {"product_id": str(product.id), "quantity": "1", "to": "accepted",
                "reason": "Alasan"}
        response = client.open(path, method=method, data=data if method == "POST" else None)
        expected = EXPECTED[rule.endpoint][role]
        where = f"{method} {path} as {role}: {response.status_code}"
        assert response.status_code != 500, where
        if expected == "login":
            assert response.status_code == 302, where
            assert "/akun/masuk" in response.headers["Location"], where
        elif expected == "ok":
            assert response.status_code in (200, 302), where
            assert "/akun/masuk" not in response.headers.get("Location", ""), where
        else:
            assert response.status_code == expected, where
