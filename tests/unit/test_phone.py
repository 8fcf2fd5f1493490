import pytest

from storefront.domain.phone import InvalidPhone, normalise_phone, wa_number


@pytest.mark.parametrize("typed", [
    "081234567890", "+6281234567890", "6281234567890", "0812-3456-7890", "+62 812 3456 7890",
    "(0812) 3456 7890", "81234567890",
])
def test_same_number_in_every_usual_form(typed):
    assert normalise_phone(typed) == "+6281234567890"


@pytest.mark.parametrize("typed", ["", "abc", "12345", "+1 555 0100", "0812", "0" * 20, "620812345678",
                                   "+62+812345678"])
def test_bad_numbers_are_refused(typed):
    with pytest.raises(InvalidPhone):
        normalise_phone(typed)


def test_wa_number_drops_the_plus():
    assert wa_number("+6281234567890") == "6281234567890"
