"""Pure search rules: folding, stems, typo keys and distance, the filter form, synonym groups."""
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storefront.domain import search_filters
from storefront.domain.search_words import (
    distance,
    fold,
    index_text,
    is_typo_of,
    query_keys,
    stem,
    stored_keys,
)
from storefront.domain.synonyms import InvalidSynonyms, parse_group

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(("text", "folded"), [
    ("Se'i", "sei"), ("SE-I", "sei"), ("sei", "sei"), ("Sé’I", "sei"), ("  Kue\tKERING! ", "kue kering"),
    ("oleh-oleh", "oleholeh"), ("😀 tenun", "tenun"), ("²٣", "2"), ("", ""),
])
def test_fold(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(("word", "root"), [
    ("anyaman", "anyam"), ("tenunan", "tenun"), ("menyulam", "sulam"), ("jajanan", "jajan"), ("kue", "kue"),
])
def test_stem(word, root):
    assert stem(word) == root


def test_index_text_keeps_words_then_new_stems():
    assert index_text("Tas Anyaman", "Se'i") == "tas anyaman sei anyam"


@pytest.mark.parametrize(("typed", "word", "close"), [
    ("sambel", "sambal", True), ("tenon", "tenun", True), ("tneun", "tenun", True),
    ("tenn", "tenun", False),            # 4 letters: never corrected
    ("tenda", "tenun", False),           # two letters off in a 5-letter word
    ("slendangg", "selendang", True),    # 9 letters: two typos allowed
    ("sambal", "sambal", False),         # the same word is not a typo
])
def test_typo_rules(typed, word, close):
    assert is_typo_of(typed, word) is close
    if close:
        assert query_keys(typed) & stored_keys(word), "the index must find it"


@given(st.text(alphabet="abcdeklmnorstu", min_size=5, max_size=10),
       st.integers(min_value=0, max_value=9), st.sampled_from("abcdeklmnorstu"))
def test_one_replacement_is_always_found_by_the_keys(word, at, letter):
    typed = word[:at % len(word)] + letter + word[at % len(word) + 1:]
    assert query_keys(typed) & stored_keys(word)
    assert distance(typed, word) <= 1


def test_filters_read_prices_and_flags():
    f = search_filters.parse({"q": "Kain tenun MURAH untuk", "harga_min": "25.000", "harga_max": "Rp 40.000",
                              "halal": "1", "jenis": "kerajinan", "wilayah": "alak"}, TODAY)
    assert f.terms == ("kain", "tenun") and f.cheap and f.sort == "termurah"
    assert (f.harga_min, f.harga_max, f.halal) == (25000, 40000, True)
    assert (f.jenis, f.wilayah) == ("kerajinan", "Alak")
    assert f.ignored == ()


@pytest.mark.parametrize(("args", "ignored"), [
    ({"harga_min": "-5"}, ("harga_min",)), ({"harga_max": "²⁵"}, ("harga_max",)),
    ({"harga_min": "50000", "harga_max": "100"}, ("harga_swap",)), ({"urut": "harga"}, ("urut",)),
    ({"siap_sebelum": "2026-11-30"}, ("siap_sebelum",)), ({"siap_sebelum": "2026-13-01"}, ("siap_sebelum",)),
    ({"wilayah": "Jakarta"}, ("wilayah",)), ({"kategori": "<x>"}, ("kategori",)),
    ({"halal": "ya"}, ("halal",)),
])
def test_bad_values_are_dropped_and_named(args, ignored):
    assert search_filters.parse(args, TODAY).ignored == ignored


def test_remove_links_keep_the_rest():
    f = search_filters.parse({"q": "kue", "halal": "1", "harga_min": "30.000", "urut": "termurah"}, TODAY)
    assert f.url_args(halal=None) == {"q": "kue", "harga_min": "30000", "urut": "termurah"}


def test_synonym_groups():
    assert parse_group("Kue, jajan ~ JAJAN") == ["kue", "jajan"]
    for bad in ("kue", "kue, KUE", "", ", ".join(f"w{n}" for n in range(11))):
        with pytest.raises(InvalidSynonyms):
            parse_group(bad)
