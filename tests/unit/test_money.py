import pytest

from storefront.domain.money import (
    MAX_PRICE,
    MIN_PRICE,
    InvalidPrice,
    format_rupiah,
    parse_rupiah,
    read_rupiah,
    validate_price,
)


@pytest.mark.parametrize("amount, text", [
    (0, "Rp 0"), (500, "Rp 500"), (25000, "Rp 25.000"), (1250000, "Rp 1.250.000"),
    (100_000_000, "Rp 100.000.000"), (-7500, "-Rp 7.500"),
])
def test_format_rupiah(amount, text):
    assert format_rupiah(amount) == text


@pytest.mark.parametrize("typed, amount", [
    ("25000", 25000), ("25.000", 25000), ("Rp 25.000", 25000), ("rp25.000", 25000),
    ("1.250.000", 1250000), ("1,250,000", 1250000), (" 35 000 ", 35000), ("Rp. 500", 500),
])
def test_parse_rupiah_accepts_what_sellers_type(typed, amount):
    assert parse_rupiah(typed) == amount


@pytest.mark.parametrize("typed, code", [
    ("", "empty"), ("   ", "empty"), ("Rp", "empty"), ("dua puluh ribu", "format"),
    ("25.000,50", "format"), ("25000.5", "format"), ("-25000", "format"), ("1e6", "format"),
    ("100", "too_low"), ("0", "too_low"), ("999.999.999", "too_high"),
    ("9" * 40, "format"), ("２５０００", "format"),
])
def test_parse_rupiah_refuses_with_a_reason(typed, code):
    with pytest.raises(InvalidPrice) as caught:
        parse_rupiah(typed)
    assert caught.value.code == code


def test_validate_price_bounds():
    assert validate_price(MIN_PRICE) == MIN_PRICE
    assert validate_price(MAX_PRICE) == MAX_PRICE
    with pytest.raises(InvalidPrice):
        validate_price(MIN_PRICE - 1)
    with pytest.raises(InvalidPrice):
        validate_price(MAX_PRICE + 1)


def test_parse_rupiah_takes_a_number_already_stored():
    assert parse_rupiah(25000) == 25000
    with pytest.raises(InvalidPrice):
        parse_rupiah(None)


@pytest.mark.parametrize(("typed", "amount"), [
    ("63.000", 63000), ("Rp 63.000", 63000), ("63000", 63000), ("Rp. 902.500", 902500),
    ("rp63000", 63000), ("0", 0), (" 1 250 000 ", 1250000)])
def test_read_rupiah_reads_every_way_of_writing_an_amount(typed, amount):
    assert read_rupiah(typed) == amount


@pytest.mark.parametrize(("typed", "code"), [
    ("", "empty"), ("Rp ", "empty"), ("63.000,50", "format"), ("٣٠٠٠", "format"), ("²", "format"),
    ("-5", "format"), ("1" * 13, "format"), ("enam puluh", "format")])
def test_read_rupiah_refuses_with_a_reason(typed, code):
    with pytest.raises(InvalidPrice) as caught:
        read_rupiah(typed)
    assert caught.value.code == code
