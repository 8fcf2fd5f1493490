from storefront.domain.slugs import slugify, unique_slug


def test_slugify_keeps_words_and_drops_marks():
    assert slugify("Se'i Sapi Asap 250 g") == "sei-sapi-asap-250-g"
    assert slugify("Kue Cucur (isi 10) — Gula Lontar!") == "kue-cucur-isi-10-gula-lontar"
    assert slugify("Café Ñusa") == "cafe-nusa"
    assert slugify("!!!") == "item"


def test_unique_slug_counts_up():
    assert unique_slug("sambal", set()) == "sambal"
    assert unique_slug("sambal", {"sambal", "sambal-2"}) == "sambal-3"
