"""Pages carry an ETag; a repeat visit with it gets 304 and no body."""
from storefront.extensions import db


def test_anonymous_page_is_shared_and_revalidates(client, make_product):
    product = make_product(name="Kue Rambut")
    db.session.commit()
    first = client.get(f"/toko/{product.shop.slug}")
    assert first.status_code == 200 and first.headers["ETag"]
    cache_control = first.headers["Cache-Control"]
    assert "public" in cache_control and "s-maxage=30" in cache_control and "max-age=0" in cache_control
    # compressed or not, a shared cache keeps one copy per language; never one per cookie
    assert first.headers["Vary"] == "Accept-Language, Accept-Encoding"
    again = client.get(f"/toko/{product.shop.slug}", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""


def test_a_change_makes_a_new_etag(client, make_product):
    product = make_product(name="Kue Rambut")
    db.session.commit()
    etag = client.get(f"/toko/{product.shop.slug}").headers["ETag"]
    product.name = "Kue Rambut Kaleng"
    db.session.commit()
    response = client.get(f"/toko/{product.shop.slug}", headers={"If-None-Match": etag})
    assert response.status_code == 200 and "Kue Rambut Kaleng" in response.get_data(as_text=True)


def test_pages_with_a_session_are_private(client, login, make_seller):
    shop = make_seller()
    login(shop.owner)
    response = client.get("/penjual/")
    cache_control = response.headers["Cache-Control"]
    assert "private" in cache_control and "public" not in cache_control
    assert client.get("/penjual/", headers={"If-None-Match": response.headers["ETag"]}).status_code == 304


def test_secret_link_pages_are_never_cached(client, make_user):
    from storefront.accounts.models import Role, TokenPurpose
    from storefront.accounts.services import issue_token

    seller = make_user(Role.SELLER, phone="+6281211112222", password=None)
    raw = issue_token(seller, TokenPurpose.INVITE, None)
    db.session.commit()
    response = client.get(f"/akun/atur-sandi/{raw}")
    assert response.headers["Cache-Control"] == "no-store" and "ETag" not in response.headers


def test_tracking_pages_are_never_cached(client, make_product, place_order):
    order = place_order({make_product(): 1})
    db.session.commit()
    for path in (f"/pesanan/{order.token}", f"/pesanan/{order.token}/terima-kasih"):
        response = client.get(path)
        assert response.headers["Cache-Control"] == "no-store", path
        assert response.headers["Referrer-Policy"] == "same-origin"
