"""The ``login`` fixture's session is the one the login form gives, so tests that skip the form
still test what a logged-in person sees."""
from storefront.accounts.models import Role
from storefront.extensions import db
from tests.factories import PASSWORD

LOGIN_KEYS = ("_user_id", "_fresh", "_id")


def _login_keys(client) -> dict:
    with client.session_transaction() as session:
        return {key: session.get(key) for key in LOGIN_KEYS}


def test_login_writes_what_the_login_form_writes(app, client, login, make_user):
    user = make_user(Role.SELLER)
    login(user)
    by_fixture = _login_keys(client)
    form = app.test_client()
    assert form.post("/akun/masuk", data={"login": user.email, "password": PASSWORD}).status_code == 302
    assert by_fixture == _login_keys(form)
    assert client.get("/akun/masuk").status_code == 302  # already logged in: sent home


def test_login_as_another_user_replaces_the_first(client, login, make_user):
    first, second = make_user(Role.SELLER), make_user(Role.STAFF)
    login(first)
    login(second)
    assert _login_keys(client)["_user_id"] == second.get_id()


def test_a_rotated_session_token_logs_the_fixture_session_out(client, login, make_user):
    user = make_user(Role.SELLER)
    login(user)
    user.end_all_sessions()  # "log out everywhere"
    db.session.commit()
    response = client.get("/penjual/")
    assert response.status_code == 302 and "/akun/masuk" in response.location
