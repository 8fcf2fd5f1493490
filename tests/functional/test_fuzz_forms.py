"""Hostile and random data posted to every form (public, seller, staff) and to the webhook,
and hostile ids in every route: never a 500, on SQLite and PostgreSQL (where an id of 2**31
overflows an integer column). Field names are read from each form page, so new forms are
covered; routes come from the URL map, so new routes are covered."""
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from werkzeug.routing import IntegerConverter

from storefront import create_app
from storefront.accounts.models import Role
from storefront.extensions import db

#: ids no database row has: unicode digits ("²".isdigit() is true, int("²") fails; int("٣") is 3),
#: past a PostgreSQL integer, signs, spaces and newlines
HOSTILE_IDS = ["²", "٣", "１", str(2**31), str(2**31 - 1), str(2**63), str(2**64), "0", "-1",
               " ", "   ", "\n", "1\n", " 1", "+1", "1e3", "0x1"]
HOSTILE = st.sampled_from([
    *HOSTILE_IDS, "", " ", "0", "-1", "10000000000000000000000", "1e9", "NaN", "null",
    "'; DROP TABLE orders; --",
    "<script>alert(1)</script>", "%00", "\x00", "../../etc/passwd", "😀" * 50, "a" * 5000,
    "Rp 25.000,50", "0812", "+62", "2026-02-30", "9999-12-31", "true", "[]", "{}", "\\", "%s%s%n",
])
VALUE = st.one_of(HOSTILE, st.text(max_size=300), st.integers(-10**12, 10**12).map(str),
                  st.integers(2**31 - 2, 2**64).map(str))
#: examples for each of the ~60 forms: a fifth of the profile's (see tests/conftest.py)
PER_ROUTE = max(5, settings.default.max_examples // 5)
NAME_RE = re.compile(r'name="([A-Za-z_][\w.\-\[\]]*)"')


def _routes():
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    found = []
    for rule in app.url_map.iter_rules():
        if "POST" in rule.methods and rule.endpoint != "static":
            found.append((rule.endpoint, rule.rule))
    return sorted(found)


ROUTES = _routes()


def _id_routes():
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    return sorted((rule.endpoint, rule.rule, "POST" if "POST" in rule.methods else "GET")
                  for rule in app.url_map.iter_rules()
                  if any(isinstance(c, IntegerConverter) for c in rule._converters.values()))


ID_ROUTES = _id_routes()


def _role_for(rule: str) -> Role | None:
    if rule.startswith("/penjual"):
        return Role.SELLER
    if rule.startswith("/staf"):
        return Role.STAFF
    return None


@pytest.fixture
def world(make_seller, make_product, make_user, place_order):
    shop = make_seller()
    product = make_product(shop=shop, stock=50)
    order = place_order({product: 1})
    staff = make_user(Role.STAFF)
    db.session.commit()
    ids = {"product_id": product.id, "shop_id": shop.id, "part_id": order.parts[0].id,
           "photo_id": 1, "collection_id": 1}
    return {"seller": shop.owner, "staff": staff, "ids": ids, "token": order.token}


def _url(app, endpoint, rule_text, world):
    from flask import url_for

    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint and r.rule == rule_text)
    values = {}
    for name in rule.arguments:
        if isinstance(rule._converters[name], IntegerConverter):
            values[name] = world["ids"].get(name, 1)
        else:
            values[name] = world["token"] if "token" in name else "a4"
    with app.test_request_context():
        return url_for(endpoint, **values)


@pytest.mark.hypothesis
@pytest.mark.parametrize(("endpoint", "rule"), ROUTES)
def test_no_form_answers_500(app, client, login, world, endpoint, rule):
    role = _role_for(rule)
    if role is not None:
        login(world["seller"] if role == Role.SELLER else world["staff"])
    url = _url(app, endpoint, rule, world)
    page = client.get(url)
    names = sorted(set(NAME_RE.findall(page.get_data(as_text=True)))) if page.status_code == 200 else []
    names = [n for n in names if n not in {"csrf_token", "q"}] or ["quantity", "product_id", "name"]

    @settings(max_examples=PER_ROUTE, derandomize=True)
    @given(st.fixed_dictionaries({}, optional={n: VALUE for n in names}))
    def post(form):
        response = client.post(url, data=form)
        assert response.status_code < 500, (endpoint, form, response.status_code)
        db.session.rollback()

    post()


@settings(derandomize=True)
@given(body=st.binary(max_size=400),
       signature=st.one_of(st.none(), st.text(st.characters(min_codepoint=32, max_codepoint=126),
                                              max_size=120),
                           st.just("t=1,v1=00"), st.just("t=abc,v1=,v0=x")))
def test_webhook_never_answers_500(client, body, signature):
    headers = {"Content-Type": "application/json"}
    if signature is not None:
        headers["Stripe-Signature"] = signature
    response = client.post("/webhooks/stripe", data=body, headers=headers)
    assert response.status_code == 400


@settings(derandomize=True)
@given(q=VALUE, page=VALUE)
def test_public_query_strings_never_answer_500(client, q, page):
    for path in ("/cari", "/", "/feed/produk.csv"):
        assert client.get(path, query_string={"q": q, "page": page, "src": q}).status_code < 500


def _raw_url(rule_text: str, hostile: str, world) -> str:
    """The rule with every id replaced by ``hostile`` (percent-escaped as a browser would)."""
    from urllib.parse import quote

    def fill(match):
        converter, name = match.group(1), match.group(2)
        if converter == "int":
            return quote(hostile, safe="")
        return world["token"] if "token" in name else "a4"

    return re.sub(r"<(?:(\w+):)?(\w+)>", fill, rule_text)


def test_the_id_walk_covers_the_map():
    assert len(ID_ROUTES) >= 45
    assert ("reviews.review", "/pesanan/<token>/ulasan/<int:line_id>", "POST") in ID_ROUTES


@pytest.mark.parametrize(("endpoint", "rule", "method"), ID_ROUTES)
def test_no_route_answers_500_on_hostile_ids(app, client, login, world, endpoint, rule, method):
    role = _role_for(rule)
    if role is not None:
        login(world["seller"] if role == Role.SELLER else world["staff"])

    @settings(max_examples=12, derandomize=True)
    @given(st.one_of(st.sampled_from(HOSTILE_IDS), st.integers(2**31, 2**70).map(str)))
    def visit(hostile):
        response = client.open(_raw_url(rule, hostile, world), method=method)
        assert response.status_code in (404, 400), (endpoint, hostile, response.status_code)
        db.session.rollback()

    visit()
