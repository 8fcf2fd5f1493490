"""Walk the whole URL map: private areas refuse outsiders, and every state-changing route
refuses GET and any POST without a CSRF token. New routes are covered automatically."""
import pytest
from werkzeug.routing import IntegerConverter

from storefront import create_app
from storefront.accounts.models import Role
from storefront.extensions import db
from tests.sqlite_only import backend  # noqa: F401 - access matrices run on SQLite

#: Routes that take POST without a CSRF token, each with the reason.
CSRF_EXEMPT = {
    "stripe_webhooks.stripe_webhook": "Stripe signs the body; verified with the webhook secret instead",
    "xendit_webhooks.xendit_callback": "Xendit sends x-callback-token; checked instead (403)",
    "whatsapp_webhooks.receive": "Meta signs the body (X-Hub-Signature-256) with the app secret",
    "cart.add": "a first add comes from a shared page without a token: Fetch metadata, Origin and "
                "Referer are checked instead, and the token once she has a session "
                "(storefront/web/forgery.py, tests/functional/test_page_cache.py)",
}
#: URL prefixes that only logged-in people of one role may open.
PRIVATE = {"/penjual": Role.SELLER, "/staf": Role.STAFF}


def _app():
    return create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://"})


def _rules():
    return sorted(_app().url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint))


def _values(rule) -> dict:
    return {name: 987654 if isinstance(rule._converters[name], IntegerConverter) else "x1"
            for name in rule.arguments}


RULES = [r for r in _rules() if r.endpoint != "static"]
POST_RULES = [(r.endpoint, r.rule) for r in RULES if "POST" in r.methods]
#: URLs that only take POST (an address may pair a GET page with a POST endpoint of its own)
GET_URLS = {r.rule for r in RULES if "GET" in r.methods}
POST_ONLY = [(r.endpoint, r.rule) for r in RULES if "POST" in r.methods and r.rule not in GET_URLS]
PRIVATE_RULES = [(r.endpoint, r.rule, method) for r in RULES for method in sorted(r.methods & {"GET", "POST"})
                 if any(r.rule.startswith(prefix) for prefix in PRIVATE)]


def _url(app, endpoint, rule_text):
    from flask import url_for

    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint and r.rule == rule_text)
    with app.test_request_context():
        return url_for(endpoint, **_values(rule))


def test_the_map_is_walked():
    assert len(RULES) > 80 and len(POST_RULES) > 30 and len(PRIVATE_RULES) > 60


@pytest.mark.parametrize(("endpoint", "rule"), POST_RULES)
def test_post_without_csrf_token_is_refused(app, client, endpoint, rule):
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.post(_url(app, endpoint, rule), data={"x": "1"})
    if endpoint in CSRF_EXEMPT:
        assert response.status_code in (400, 403)  # no signature/token: refused by the webhook
    else:
        assert response.status_code == 400, (endpoint, response.status_code)
        assert "kedaluwarsa" in response.get_data(as_text=True)


@pytest.mark.parametrize(("endpoint", "rule"), POST_ONLY)
def test_state_changing_routes_refuse_get(app, client, endpoint, rule):
    assert client.get(_url(app, endpoint, rule)).status_code == 405


@pytest.mark.parametrize(("endpoint", "rule", "method"), PRIVATE_RULES)
def test_private_areas_refuse_visitors_and_other_roles(app, client, login, make_user, endpoint, rule,
                                                       method):
    url = _url(app, endpoint, rule)
    anonymous = client.open(url, method=method)
    assert anonymous.status_code == 302 and "/akun/masuk" in anonymous.headers["Location"]
    owner_role = next(role for prefix, role in PRIVATE.items() if rule.startswith(prefix))
    for role in (Role.BUYER, Role.SELLER, Role.STAFF):
        if role == owner_role:
            continue
        login(make_user(role))
        assert client.open(url, method=method).status_code == 403, (endpoint, role)
    db.session.commit()
