"""Tolerant search: folding, typos, Indonesian affixes, synonyms, and "Mungkin maksud Anda"."""
import pytest

from storefront.catalog.models import CategoryKind
from storefront.extensions import db
from storefront.search.models import SynonymGroup, SynonymWord
from tests.support.synonyms import no_first_synonyms  # noqa: F401 - a fixture

pytestmark = pytest.mark.usefixtures("no_first_synonyms")


@pytest.fixture
def corpus(make_product, make_shop, make_category):
    food, craft = make_category(slug="makanan"), make_category(CategoryKind.CRAFT, slug="kerajinan")
    yuli, tina = make_shop(name="Dapur Mama Yuli"), make_shop(name="Ina Tina", area="Alak")
    make_product(shop=yuli, category=food, name="Sambal Lu'at", description="Pedas segar dari Timor.")
    make_product(shop=yuli, category=food, name="Se'i Sapi", description="Asap kayu kosambi.")
    make_product(shop=yuli, category=food, name="Kue Kering Nastar", description="Mentega, selai nanas.")
    make_product(shop=yuli, category=food, name="Jajan Pasar Kolak", description="Manis legit.")
    make_product(shop=tina, category=craft, name="Selendang Tenun Amarasi", price=350000,
                 description="Pewarna alami mengkudu.")
    make_product(shop=tina, category=craft, name="Kain Buna Insana", price=900000,
                 description="Motif buna.")
    make_product(shop=tina, category=craft, name="Tas Anyam Lontar", description="Daun lontar.")
    db.session.commit()


def _found(client, q, **args) -> list[str]:
    html = client.get("/cari", query_string={"q": q, **args}).get_data(as_text=True)
    return [part.split("</span>")[0].replace("&#39;", "'")
            for part in html.split('class="card-name">')[1:]]


@pytest.mark.parametrize(("q", "expected"), [
    ("sambel", "Sambal Lu'at"),               # a spelling variant: one letter off
    ("sei", "Se'i Sapi"),                      # punctuation folded
    ("SE-I", "Se'i Sapi"),
    ("Sé'I", "Se'i Sapi"),                     # accents folded
    ("tenon", "Selendang Tenun Amarasi"),      # a typo in a five-letter word
    ("tenunan", "Selendang Tenun Amarasi"),    # Indonesian affixes (Sastrawi)
    ("anyaman", "Tas Anyam Lontar"),
    ("kue kering", "Kue Kering Nastar"),
    ("slendang amarsi", "Selendang Tenun Amarasi"),  # two words, each one letter off
])
def test_variants_and_typos_find_the_product(client, corpus, q, expected):
    assert expected in _found(client, q)


def test_short_words_are_not_corrected(client, corpus):
    assert _found(client, "tes") == []  # "tas" is one letter away, but only 3 letters


def test_exact_matches_rank_before_tolerant_ones(client, corpus, make_product):
    make_product(name="Sambel Roa", description="Ikan roa.")
    db.session.commit()
    assert _found(client, "sambal")[:2] == ["Sambal Lu'at", "Sambel Roa"]
    assert _found(client, "sambel")[:2] == ["Sambel Roa", "Sambal Lu'at"]


def test_name_then_shop_then_description_and_sold_out_last(client, make_product, make_shop):
    make_product(name="Kopi Bubuk", description="Biji dari Timor.")
    make_product(shop=make_shop(name="Timor Rasa"), name="Kacang Goreng")
    make_product(name="Madu Timor")
    make_product(name="Madu Timor Kosong", stock=0)
    db.session.commit()
    assert _found(client, "timor") == ["Madu Timor", "Kacang Goreng", "Kopi Bubuk", "Madu Timor Kosong"]


def test_synonyms_from_the_staff_list(client, corpus):
    assert _found(client, "kue") == ["Kue Kering Nastar"]
    group = SynonymGroup(label="kue, jajan")
    group.words = [SynonymWord(word="kue"), SynonymWord(word="jajan")]
    db.session.add(group)
    db.session.commit()
    assert _found(client, "kue") == ["Kue Kering Nastar", "Jajan Pasar Kolak"]


def test_kain_tenun_murah_uses_the_synonym_and_sorts_cheapest_first(client, corpus):
    group = SynonymGroup(label="kain, tenun")
    group.words = [SynonymWord(word="kain"), SynonymWord(word="tenun")]
    db.session.add(group)
    db.session.commit()
    assert _found(client, "kain tenun murah") == ["Selendang Tenun Amarasi", "Kain Buna Insana"]


def test_nothing_found_offers_the_closest_names_and_the_categories(client, corpus):
    html = client.get("/cari?q=sambal+insana").get_data(as_text=True)
    assert 'class="card-name"' not in html
    assert "Mungkin maksud Anda:" in html
    assert "/cari?q=Sambal+Lu&#39;at" in html and "/cari?q=Kain+Buna+Insana" in html
    assert "/cari?q=sambal+insana&amp;kategori=makanan" in html


def test_renaming_a_shop_refolds_its_products(client, corpus):
    import sqlalchemy as sa

    from storefront.shops.models import Shop
    shop = db.session.scalar(sa.select(Shop).where(Shop.name == "Dapur Mama Yuli"))
    shop.name = "Rumah Se'i Oma"
    db.session.commit()
    assert "Sambal Lu'at" in _found(client, "oma")
    assert _found(client, "sei")[0] == "Se'i Sapi"
