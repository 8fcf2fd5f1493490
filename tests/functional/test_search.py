"""Search: every word must match the name, description or shop name; best matches first."""
import pytest

from storefront.extensions import db
from tests.support.synonyms import no_first_synonyms  # noqa: F401 - a fixture

pytestmark = pytest.mark.usefixtures("no_first_synonyms")

#: search: LIKE, accents and ordering differ between the engines; see tests/conftest.py
pytestmark = pytest.mark.both_databases


@pytest.fixture
def catalog(make_product, make_shop):
    yuli = make_shop(name="Dapur Mama Yuli")
    tina = make_shop(name="Tenun Ina Tina")
    products = {
        "sambal": make_product(shop=yuli, name="Sambal Lu'at", description="Pedas segar dari Timor."),
        "seii": make_product(shop=yuli, name="Se'i Sapi", description="Asap kayu kosambi, pakai sambal."),
        "selendang": make_product(shop=tina, name="Selendang Amarasi", description="Pewarna alami mengkudu."),
    }
    db.session.commit()
    return products


def _names(client, q):
    """The result cards only (a "Mungkin maksud Anda" line may name other products)."""
    html = client.get("/cari", query_string={"q": q}).get_data(as_text=True)
    start = html.find('<ul class="grid">')
    return html[start:html.index("</ul>", start)] if start >= 0 else ""


def test_finds_by_a_word_of_the_name(client, catalog):
    html = _names(client, "selendang")
    assert "Selendang Amarasi" in html and "Sambal" not in html


def test_finds_by_a_word_of_the_description(client, catalog):
    assert "Selendang Amarasi" in _names(client, "mengkudu")


def test_finds_by_the_shop_name(client, catalog):
    html = _names(client, "yuli")
    assert "Sambal Lu&#39;at" in html and "Se&#39;i Sapi" in html and "Selendang" not in html


def test_a_name_match_ranks_above_a_description_match(client, catalog):
    html = _names(client, "sambal")
    assert html.index("Sambal Lu&#39;at") < html.index("Se&#39;i Sapi")


def test_every_word_must_match(client, catalog):
    assert "Selendang" not in _names(client, "sambal amarasi")
    assert "Selendang Amarasi" in _names(client, "AMARASI alami")


@pytest.mark.parametrize("q", [
    "", " ", "x", "a" * 10_000, "' OR 1=1 --", '"; DROP TABLE products; --', "%", "_", "%_%",
    "\\", "sambal*", 'NEAR("a" "b")', "a:b -c +d", "()[]{}", "\x00", "😀 tenun", "<script>alert(1)</script>",
    "sambal\\%", "SELECT * FROM users",
])
def test_hostile_or_empty_queries_give_a_normal_page(client, catalog, q):
    response = client.get("/cari", query_string={"q": q})
    assert response.status_code == (400 if "\x00" in q else 200)
    assert "<script>alert(1)</script>" not in response.get_data(as_text=True)


def test_wildcards_are_taken_literally(client, catalog):
    assert "Sambal" not in _names(client, "%%")
    assert "Sambal" not in _names(client, "s%l")
    assert "Sambal" not in _names(client, "s_l")


def test_paging_and_bad_page_numbers(client, catalog, app):
    app.config["PAGE_SIZE"] = 1
    first = client.get("/cari?q=sambal").get_data(as_text=True)
    assert 'rel="next"' in first
    assert client.get("/cari?q=sambal&page=abc").status_code == 200
    assert client.get("/cari?q=sambal&page=-5").status_code == 200
    assert client.get("/cari?q=sambal&page=99999999999999999999").status_code == 200


def test_renaming_a_shop_renames_it_in_search(client, catalog):
    shop = catalog["sambal"].shop
    shop.name = "Rumah Sambal Oma"
    db.session.commit()
    html = _names(client, "oma")
    assert "Sambal Lu&#39;at" in html and "Se&#39;i Sapi" in html
    assert "Sambal" not in _names(client, "yuli")


def test_editing_a_product_updates_search(client, catalog):
    catalog["selendang"].description = "Motif buna dari Insana."
    db.session.commit()
    assert "Selendang Amarasi" in _names(client, "insana")
    assert "Selendang Amarasi" not in _names(client, "mengkudu")
