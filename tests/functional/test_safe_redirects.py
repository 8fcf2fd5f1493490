"""Every redirect target from the visitor goes through one check: only paths of this site."""
import pytest

from storefront.web.redirects import safe_next

HOSTILE = [
    "//evil.example", "/\t/evil.example", "/%09/evil.example", "/\n/evil.example",
    "/%0a/evil.example", "/\r\nSet-Cookie: x=1", "/%0d%0aSet-Cookie:x=1", "\\\\evil.example",
    "/\\evil.example", "/%5cevil.example", "https://evil.example/", "http:evil.example",
    "javascript:alert(1)", " /akun", "/ /evil", "/%2f/evil.example", "evil.example", "",
    "/\x00", "/\x7f", "/a" * 2000, "/\u2028evil", "/\u3000/evil.example",
]


@pytest.mark.parametrize("target", HOSTILE)
def test_hostile_targets_are_refused(target):
    assert safe_next(target) is None


@pytest.mark.parametrize("target", ["/", "/cari?q=kue", "/produk/kue-lapis", "/akun/pesanan#x"])
def test_own_paths_are_kept(target):
    assert safe_next(target) == target


def _location(response) -> str:
    return response.headers["Location"]


@pytest.mark.parametrize("target", HOSTILE)
def test_language_switch_goes_home_instead(client, target):
    response = client.get("/bahasa/en", query_string={"next": target})
    if "\x00" in target:  # NUL is refused before any view runs
        assert response.status_code == 400
        return
    assert response.status_code == 302
    assert _location(response) in ("/", "http://localhost/")


@pytest.mark.parametrize("target", ["/%09/evil.example", "/\n/x", "//evil.example"])
def test_login_next_goes_to_her_home_instead(client, make_user, target):
    from storefront.extensions import db

    user = make_user()
    db.session.commit()
    response = client.post("/akun/masuk", query_string={"next": target},
                           data={"login": user.email, "password": "rahasia-yang-panjang-123"})
    assert response.status_code == 302
    assert "evil" not in _location(response) and "\n" not in _location(response)
    assert urlsplit_host(_location(response)) in ("", "localhost")


def urlsplit_host(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).netloc


def test_cart_error_goes_back_only_to_our_own_page(client, make_product):
    from storefront.extensions import db

    product = make_product()
    db.session.commit()
    away = client.post("/keranjang/tambah", data={"product_id": product.id, "quantity": "x"},
                       headers={"Referer": "https://evil.example/phish"})
    assert away.status_code == 302 and "evil" not in _location(away)
    back = client.post("/keranjang/tambah", data={"product_id": product.id, "quantity": "x"},
                       headers={"Referer": f"http://localhost/produk/{product.slug}"})
    assert _location(back).endswith(f"/produk/{product.slug}")
