"""Every review route, for every role: who may write, reply, hide, and who gets 403/404."""
import pytest

from storefront.accounts.models import Role
from storefront.extensions import db
from tests.sqlite_only import backend  # noqa: F401 - access matrices run on SQLite

BLUEPRINTS = {"reviews", "seller_reviews", "staff_reviews"}
ROLES = ["anonymous", "buyer", "other_buyer", "seller", "other_seller", "staff"]

# What each role gets: "ok" (2xx/3xx other than a login redirect), "login", 403 or 404.
# The order belongs to "buyer"; "anonymous" holds its secret tracking link (a guest's way in).
EXPECTED = {
    "reviews.review": {"anonymous": "ok", "buyer": "ok", "other_buyer": 404, "seller": 403,
                       "other_seller": 403, "staff": 403},
    "seller_reviews.index": {"anonymous": "login", "buyer": 403, "other_buyer": 403,
                             "seller": "ok", "other_seller": "ok", "staff": 403},
    "seller_reviews.reply": {"anonymous": "login", "buyer": 403, "other_buyer": 403,
                             "seller": "ok", "other_seller": 404, "staff": 403},
    "staff_reviews.index": {"anonymous": "login", "buyer": 403, "other_buyer": 403,
                            "seller": 403, "other_seller": 403, "staff": "ok"},
    "staff_reviews.hide": {"anonymous": "login", "buyer": 403, "other_buyer": 403,
                           "seller": 403, "other_seller": 403, "staff": "ok"},
}


def test_every_route_of_these_blueprints_is_listed(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()
                 if rule.endpoint.split(".")[0] in BLUEPRINTS}
    assert endpoints == set(EXPECTED)


@pytest.mark.parametrize("role", ROLES)
def test_every_review_route_for_every_role(app, client, login, make_user, make_shop, make_product,
                                           complete_order, make_review, role):
    seller_shop = make_shop()
    other_shop = make_shop()
    product = make_product(shop=seller_shop)
    second = make_product(shop=seller_shop)
    users = {"buyer": make_user(Role.BUYER), "other_buyer": make_user(Role.BUYER),
             "seller": seller_shop.owner, "other_seller": other_shop.owner,
             "staff": make_user(Role.STAFF)}
    order = complete_order({product: 1, second: 1}, user=users["buyer"])
    reviewed_line, open_line = order.parts[0].lines
    review = make_review(reviewed_line)
    db.session.commit()
    if role != "anonymous":
        login(users[role])
    args = {"token": order.token, "line_id": open_line.id, "review_id": review.id}
    data = {"rating": "4", "text": "Enak", "reply": "Terima kasih", "reason": "Alasan"}
    for rule in app.url_map.iter_rules():
        if rule.endpoint not in EXPECTED:
            continue
        path = rule.rule
        for name, value in args.items():
            path = path.replace(f"<{name}>", str(value)).replace(f"<int:{name}>", str(value))
        for method in sorted(rule.methods & {"GET", "POST"}):
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
    from storefront.reviews.models import Review

    db.session.expire_all()
    written = db.session.scalar(db.select(Review).where(Review.order_line_id == open_line.id))
    assert (written is not None) == (role in ("anonymous", "buyer")), role
    db.session.refresh(review)
    assert (review.reply == "Terima kasih") == (role == "seller"), role
    assert review.is_hidden == (role == "staff"), role
