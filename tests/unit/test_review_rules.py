"""Review rules without a database: stars, text, and the name that is shown."""
import pytest

from storefront.domain import reviews as rules


@pytest.mark.parametrize("value", [1, 2, 3, 4, 5])
def test_ratings_from_one_to_five_are_accepted(value):
    assert rules.check_rating(value) == value


@pytest.mark.parametrize("value", [0, 6, -1, 10**12, 3.5, "4", None, True])
def test_other_ratings_are_refused(value):
    with pytest.raises(rules.RatingOutOfRange):
        rules.check_rating(value)


def test_text_is_trimmed_and_may_be_empty():
    assert rules.check_text("  Enak!\r\nMurah.  ") == "Enak!\nMurah."
    assert rules.check_text(None) == "" and rules.check_text("   ") == ""


def test_text_longer_than_2000_characters_is_refused():
    assert len(rules.check_text("a" * 2000)) == 2000
    with pytest.raises(rules.TextTooLong):
        rules.check_text("a" * 2001)
    with pytest.raises(rules.TextTooLong):
        rules.check_text("a" * 1001, limit=rules.MAX_REPLY)


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "bagus </b>", "<img src=x onerror=1>",
                                  "< script>", "<!-- x -->", "<?php echo 1 ?>"])
def test_markup_is_refused(text):
    with pytest.raises(rules.MarkupInText):
        rules.check_text(text)


@pytest.mark.parametrize("text", ["Enak <3", "harga 5 > 3 < 7", "a<1", "->"])
def test_comparison_signs_are_plain_text(text):
    assert rules.check_text(text) == text


@pytest.mark.parametrize(("full", "shown"), [
    ("Maria Tefa", "Maria T."),
    ("maria goreti tefa", "maria T."),
    ("Ibu Maria Tefa", "Maria T."),
    ("Mama Yuli", "Yuli"),
    ("Bu. Yuli Ndun", "Yuli N."),
    ("Maria", "Maria"),
    ("Ibu", "Ibu"),
    ("  Maria   'Ena  ", "Maria E."),
    ("", ""),
    (None, ""),
])
def test_public_name_is_first_name_and_an_initial(full, shown):
    assert rules.public_name(full) == shown


def test_average_and_stars():
    assert rules.average(0, 0) == 0.0
    assert rules.average(13, 3) == 4.3
    assert rules.stars(4.3) == "★★★★☆"
    assert rules.stars(4.5) == "★★★★★"
    assert rules.stars(1) == "★☆☆☆☆"
