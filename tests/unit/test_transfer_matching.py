"""Matching a pasted bank statement to the transfers staff wait for; unique amount codes."""
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storefront.domain.transfer_matching import (
    NoCodeLeft,
    StatementLine,
    Waiting,
    match,
    parse_amount,
    parse_statement,
    pick_code,
)

WAITING = [Waiting(1, "PI-2612-0042", 75_123), Waiting(2, "PI-2612-0043", 50_000),
           Waiting(3, "PI-2612-0044", 50_000), Waiting(4, "PI-2612-0045", 120_000)]

STATEMENT = """Tanggal,Jumlah,Keterangan
01/12/2026,"75,123.00",TRSF E-BANKING CR MARIA PI26120042
01/12/2026,50.000,TRANSFER DR YULI pi-2612-0044 kue
01/12/2026,50.000,TRANSFER DR SIAPA (no reference)
01/12/2026,"120,000.00",SETORAN TUNAI
02/12/2026,99.999,TRANSFER LAIN PI-2612-0045
02/12/2026,abc,BIAYA ADM
"""


@pytest.mark.parametrize(("raw", "amount"), [
    ("75123", 75_123), ("Rp 75.123", 75_123), ("75,123.00", 75_123), ("75.123,00", 75_123),
    ("IDR 1.000.000", 1_000_000), ("", None), ("0", None), ("-5000", None), ("12.50", None),
    ("٣٠٠٠", None), ("3²", None), ("abc", None), ("1 000", 1_000),
])
def test_amounts_are_read_as_whole_ascii_rupiah(raw, amount):
    assert parse_amount(raw) == amount


def test_a_pasted_statement_suggests_the_right_orders_and_ignores_amounts_that_match_none():
    lines = parse_statement(STATEMENT)
    assert [line.amount for line in lines] == [75_123, 50_000, 50_000, 120_000, 99_999]
    found = match(lines, WAITING)
    assert [(s.payment_id, s.reason, s.line.amount) for s in found] == [
        (1, "reference", 75_123),  # reference written without dashes
        (3, "reference", 50_000),  # reference in lower case among other words
        (4, "amount", 120_000),    # no reference, but only one transfer waits for that amount
    ]
    # the unreferenced Rp 50.000 could be order 43 or 44: not guessed; Rp 99.999 matches none


def test_the_reference_alone_never_matches_a_different_amount():
    line = StatementLine("01/12", 75_000, "PI-2612-0042")
    assert match([line], WAITING) == []


def test_semicolon_and_tab_separated_statements_are_read():
    assert [line.amount for line in parse_statement("1/12;75.123;PI-2612-0042\n")] == [75_123]
    assert [line.amount for line in parse_statement("1/12\t75123\tPI-2612-0042\n")] == [75_123]


amounts = st.integers(min_value=1, max_value=5_000_000)


@given(st.lists(st.tuples(amounts, st.booleans()), max_size=30),
       st.lists(amounts, max_size=30), st.randoms(use_true_random=False))
def test_each_line_and_each_transfer_is_matched_at_most_once_and_only_for_its_exact_amount(
        lines_spec, waiting_amounts, rng):
    waiting = [Waiting(i + 1, f"PI-2612-{i + 1:04d}", a) for i, a in enumerate(waiting_amounts)]
    lines = []
    for amount, named in lines_spec:
        ref = rng.choice(waiting).reference if named and waiting else "tanpa kode"
        lines.append(StatementLine("01/12/2026", amount, f"TRSF {ref}"))
    found = match(lines, waiting)
    by_id = {w.payment_id: w for w in waiting}
    assert len({s.payment_id for s in found}) == len(found)
    assert len({id(s.line) for s in found}) == len(found)
    for s in found:
        assert s.line.amount == by_id[s.payment_id].amount
        if s.reason == "reference":
            assert by_id[s.payment_id].reference.replace("-", "") in s.line.description.replace(
                "-", "")
        else:
            assert [w.amount for w in waiting].count(s.line.amount) == 1


def test_unique_codes_avoid_those_taken_and_stay_in_1_to_999():
    rng = random.Random(4)
    taken = set(range(1, 999))
    assert pick_code(taken, rng) == 999
    assert all(1 <= pick_code(set(), rng) <= 999 for _ in range(200))
    with pytest.raises(NoCodeLeft):
        pick_code(set(range(1, 1000)), rng)
