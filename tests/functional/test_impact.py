"""Programme impact: reconciliation with the ledger, fixed query count, exports, charts, access."""
from __future__ import annotations

import csv
import io
import re
from datetime import datetime

import pypdfium2 as pdfium
import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from bench.impact_data import bulk_history
from storefront import clock
from storefront.accounts.models import Role
from storefront.catalog.models import Product
from storefront.domain.ledger import EntryKind
from storefront.domain.listing import ListingStatus
from storefront.domain.money import format_rupiah
from storefront.domain.order_states import SellerOrderStatus as S
from storefront.extensions import db
from storefront.ledger import services as ledger
from storefront.ledger.models import LedgerEntry
from storefront.orders import services as orders

#: the tests of the numbers run on both engines too: impact queries have a PostgreSQL branch
numbers = pytest.mark.both_databases

NOW = datetime(2026, 11, 20, 4, 0)  # 20 Nov 2026, noon in Kupang
MONTHS = ["2026-08", "2026-09", "2026-10", "2026-11"]
RANGE = {"dari": "2026-08-01", "sampai": "2026-11-30"}


def _complete(part, seller):
    if part.status == S.AWAITING_PAYMENT:
        orders.release(part, None)
    for target in (S.ACCEPTED, S.READY, S.COMPLETED):
        orders.seller_move(part, target, seller)
    has_sale = db.session.scalar(sa.select(LedgerEntry.id).where(
        LedgerEntry.seller_order_id == part.id, LedgerEntry.kind == EntryKind.SALE))
    if has_sale is None:  # until completion writes the sale itself
        ledger.record_sale(part.shop_id, part.id, part.total)


@pytest.fixture
def history(app, make_seller, make_product, make_category, make_staff, place_order):
    """3 sellers, 4 months: orders from returning and new buyers, refunds, payouts,
    and one order left uncompleted (which must count nowhere)."""
    app.config.update(COMMISSION_RATE="0.05", PAYOUT_APPROVAL_LIMIT=10_000_000)
    staff = make_staff()
    food, craft = make_category(), make_category()
    clock.freeze(datetime(2026, 7, 1, 1, 0))
    shops = [make_seller() for n in range(3)]
    shops[1].name, shops[1].story_public = "Dapur Rahasia Mama Ani", False
    products = [(make_product(shop=s, category=food, price=12_500, stock=500),
                 make_product(shop=s, category=craft, price=150_000, stock=500)) for s in shops]
    for month_index, day in enumerate([(2026, 8, 5), (2026, 9, 10), (2026, 10, 15), (2026, 11, 3)]):
        for s_index, shop in enumerate(shops):
            for k in range(month_index + s_index + 1):
                clock.freeze(datetime(*day, 2 + k, 0))
                food_p, craft_p = products[s_index]
                basket = {food_p: k + 1} if k % 2 == 0 else {food_p: 1, craft_p: 1}
                order = place_order(basket, phone=f"+62813000{(k + month_index) % 4:05d}")
                part = order.parts[0]
                _complete(part, shop.owner)
                if k == 1:
                    ledger.record_refund(shop.id, part.id, 10_000, actor=staff, reason="rusak")
        clock.freeze(datetime(*day[:2], 25, 3, 0))
        for shop in shops:
            if ledger.available(shop.id) > 20_000:
                ledger.request_payout(shop.id, 20_000, f"TRX-{shop.id}-{day[1]}", staff)
    clock.freeze(datetime(2026, 11, 18, 2, 0))
    left_open = place_order({products[0][0]: 3}, phone="+6281300009999")
    db.session.commit()
    clock.freeze(NOW)
    return {"shops": shops, "staff": staff, "open": left_open, "food": food, "craft": craft}


def _ledger_sums(shop_id: int, start: datetime, end: datetime) -> dict[str, int]:
    sums = {kind.value: 0 for kind in EntryKind}
    for entry in db.session.scalars(sa.select(LedgerEntry).where(LedgerEntry.shop_id == shop_id)):
        if start <= entry.created_at < end:
            sums[entry.kind.value] += entry.amount
    return sums


def _rupiah(text: str) -> int:
    return int(re.sub(r"[^\d-]", "", text) or 0)


def _table(html: str, shop_id: int) -> dict[str, list[str]]:
    """Rows of a seller's table on the page: month (or 'total') → cell texts."""
    block = html.split(f'data-shop="{shop_id}"', 1)[1].split("</table>", 1)[0]
    rows = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", block, re.S)[1:]:
        found = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        cells = [re.sub(r"<[^>]+>", "", c).strip() for c in found]
        rows["total" if cells[0] in ("Total", "Jumlah") else cells[0]] = cells[1:]
    return rows


@numbers
def test_report_reconciles_with_ledger_to_the_rupiah(history, client, login):
    """Acceptance 1: each seller's totals, per month and for the period, equal her ledger."""
    login(history["staff"])
    page = client.get("/staf/dampak/", query_string=RANGE)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    for shop in history["shops"]:
        rows = _table(html, shop.id)
        periods = [(m, datetime(int(m[:4]), int(m[5:]), 1)) for m in MONTHS]
        for index, (month, first) in enumerate(periods):
            end = periods[index + 1][1] if index + 1 < len(periods) else datetime(2026, 12, 1)
            sums = _ledger_sums(shop.id, first - clock.WITA, end - clock.WITA)
            cells = [_rupiah(c) for c in rows[month]]
            assert cells[0] == sums["sale"] > 0
            assert cells[1] == -sums["commission"]
            assert cells[2] == -sums["refund"]
            assert cells[3] == sums["sale"] + sums["commission"] + sums["refund"]
            assert cells[4] == -sums["payout"]
        total = _ledger_sums(shop.id, datetime(2026, 7, 31, 16), datetime(2026, 11, 30, 16))
        cells = [_rupiah(c) for c in rows["total"]]
        assert cells[:5] == [total["sale"], -total["commission"], -total["refund"],
                             total["sale"] + total["commission"] + total["refund"], -total["payout"]]
        # orders = sale entries (the uncompleted order counts nowhere)
        sale_count = db.session.scalar(sa.select(sa.func.count()).select_from(LedgerEntry).where(
            LedgerEntry.shop_id == shop.id, LedgerEntry.kind == EntryKind.SALE))
        assert cells[5] == sale_count
    assert "+62813" not in html and "Ibu Pembeli" not in html  # no buyer data


@numbers
def test_buyers_repeat_share_and_first_sale(history, app):
    from storefront.domain.impact import Period
    from storefront.impact.queries import Filters
    from storefront.impact.report import build

    report = build(Filters(Period(datetime(2026, 8, 1).date(), datetime(2026, 11, 30).date())))
    first = next(s for s in report.sellers if s.shop_id == history["shops"][0].id)
    aug = first.months["2026-08"]
    assert (aug.orders, aug.buyers, aug.repeat_buyers) == (1, 1, 0)
    sep = first.months["2026-09"]  # phones 1 and 2: the buyer with phone 1 is new to her
    assert (sep.orders, sep.buyers) == (2, 2)
    oct_ = first.months["2026-10"]  # phones 2 (from September), 3 (new) and 0 (from August)
    assert (oct_.orders, oct_.buyers, oct_.repeat_buyers, oct_.repeat_share) == (3, 3, 2, 67)
    programme = report.month_totals["2026-10"]  # every October phone had bought before somewhere
    assert (programme.buyers, programme.repeat_buyers) == (4, 4)
    assert programme.orders == sum(s.months["2026-10"].orders for s in report.sellers)
    assert first.days_to_first_sale == 35  # onboarded 1 July, first sale 5 August
    assert first.total.products_listed == 0 and report.total.orders == sum(
        s.total.orders for s in report.sellers)
    assert report.total.buyers == 4  # four different phones in all
    assert {m for m, _n in report.methods} == {"cash"}


@numbers
def test_query_count_does_not_grow_with_sellers_and_orders(app, client, login, make_staff,
                                                            count_queries):
    """Acceptance 2: 3 sellers × 10 orders and 30 sellers × 3,000 orders cost the same queries."""
    clock.freeze(datetime(2026, 11, 20, 4, 0))
    staff = make_staff()
    login(staff)
    bulk_history(3, 10, prefix="kecil")
    with count_queries() as small:
        assert client.get("/staf/dampak/").status_code == 200
    bulk_history(27, 2990, prefix="besar")  # now 30 sellers and 3,000 orders in all
    assert db.session.scalar(sa.select(sa.func.count()).select_from(LedgerEntry).where(
        LedgerEntry.kind == EntryKind.SALE)) == 3000
    with count_queries() as big:
        page = client.get("/staf/dampak/")
    assert page.status_code == 200
    assert "Toko besar 26" in page.get_data(as_text=True)
    assert small() == big() <= 12


def test_xlsx_and_csv_hold_the_page_numbers(history, client, login):
    """Acceptance 3: the XLSX opens with openpyxl, numbers typed, same as the page."""
    login(history["staff"])
    html = client.get("/staf/dampak/", query_string=RANGE).get_data(as_text=True)
    response = client.get("/staf/dampak/tabel.xlsx", query_string=RANGE)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1 + 3 * len(MONTHS)
    cells = {(r[1], r[0]): r for r in rows[1:]}
    for shop in history["shops"]:
        page_rows = _table(html, shop.id)
        for month in MONTHS:
            row = cells[(shop.name, month)]
            assert all(isinstance(v, int) for v in row[3:8])
            assert list(row[3:8]) == [_rupiah(c) for c in page_rows[month][:5]]
            assert row[8] == int(page_rows[month][5])
    money_cell = sheet.cell(row=2, column=4)
    assert "Rp" in money_cell.number_format and isinstance(money_cell.value, int)
    text = client.get("/staf/dampak/tabel.csv", query_string=RANGE).get_data(as_text=True)
    parsed = list(csv.reader(io.StringIO(text)))
    assert "+62" not in text and "Ibu Pembeli" not in text  # no buyer data
    repeat = parsed[0].index("Pembeli yang kembali (%)")
    assert sheet.cell(row=2, column=repeat + 1).number_format == "0%"
    for row in rows[1:]:
        row = list(row)
        row[repeat] = round(row[repeat] * 100)
        assert [str(v) if v is not None else "" for v in row] in parsed[1:]


def _pdf_text(data: bytes) -> str:
    pdf = pdfium.PdfDocument(data)
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    pages = len(pdf)
    pdf.close()
    return text if pages else ""


def test_seller_pdf_has_her_name_month_and_totals(history, client, login):
    login(history["staff"])
    shop = history["shops"][2]
    html = client.get("/staf/dampak/", query_string=RANGE).get_data(as_text=True)
    october = _table(html, shop.id)["2026-10"]
    response = client.get(f"/staf/dampak/laporan/{shop.id}/2026-10.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert len(pdfium.PdfDocument(response.data)) == 1
    text = _pdf_text(response.data)
    assert shop.name in text and "2026-10" in text and "Oktober 2026" in text
    for cell in october[:5]:
        assert cell in text  # e.g. "Rp 1.234.500"
    assert "Penjualan kotor" in text
    client.set_cookie("lang", "en")
    assert "Programme impact" in client.get("/staf/dampak/").get_data(as_text=True)
    english_staff = _pdf_text(client.get(f"/staf/dampak/laporan/{shop.id}/2026-10.pdf").data)
    assert "Penjualan kotor" in english_staff and "Oktober 2026" in english_staff
    bad_month = client.get(f"/staf/dampak/laporan/{shop.id}/2026-13.pdf")
    assert bad_month.status_code == 404 and "year-month" in bad_month.get_data(as_text=True)
    assert client.get("/staf/dampak/laporan/99999/2026-10.pdf").status_code == 404


def test_sponsor_exports_never_name_a_seller_who_did_not_consent(history, client, login):
    login(history["staff"])
    secret = "Dapur Rahasia Mama Ani"
    assert secret in client.get("/staf/dampak/", query_string=RANGE).get_data(as_text=True)
    pdf = client.get("/staf/dampak/sponsor.pdf", query_string=RANGE)
    text = _pdf_text(pdf.data)
    assert secret not in text and "Penjual 1" in text
    assert history["shops"][0].name in text
    csv_text = client.get("/staf/dampak/tabel.csv", query_string={**RANGE, "untuk": "sponsor"}).get_data(
        as_text=True)
    assert secret not in csv_text and "Penjual 1" in csv_text
    xlsx = client.get("/staf/dampak/tabel.xlsx", query_string={**RANGE, "untuk": "sponsor"})
    values = [v for row in load_workbook(io.BytesIO(xlsx.data)).active.iter_rows(values_only=True)
              for v in row]
    assert secret not in values and "Penjual 1" in values
    assert not any(isinstance(v, str) and v.startswith("+62") for v in values)


def test_svg_charts_have_title_and_the_table_values(history, client, login):
    """Acceptance 4."""
    login(history["staff"])
    html = client.get("/staf/dampak/", query_string=RANGE).get_data(as_text=True)
    for name in ("penjualan", "kategori", "pembayaran"):
        response = client.get(f"/staf/dampak/grafik/{name}.svg", query_string=RANGE)
        assert response.status_code == 200 and response.mimetype == "image/svg+xml"
        svg = response.get_data(as_text=True)
        assert re.search(r"<svg[^>]*><title id=\"chart-title\">[^<]+</title><desc id=\"chart-desc\">", svg)
        assert "<script" not in svg and "style=" not in svg
        assert "script-src" not in response.headers["Content-Security-Policy"]
    sales = client.get("/staf/dampak/grafik/penjualan.svg", query_string=RANGE).get_data(as_text=True)
    values = re.findall(r'<desc class="value">([^<]*)</desc>', sales)
    totals = re.findall(r"<tr><th scope=\"row\">2026-\d\d</th><td>(?:<span class=\"rp\">)?([^<]+)<",
                        html.split('id="impact-totals"')[1].split("</table>")[0])
    assert totals and all(t in values for t in totals)
    for shop in history["shops"]:
        for month in MONTHS:
            assert _table(html, shop.id)[month][0] in values
    categories = client.get("/staf/dampak/grafik/kategori.svg", query_string=RANGE).get_data(as_text=True)
    table = html.split('id="impact-categories"')[1].split("</table>")[0]
    amounts = re.findall(r"<td>(?:<span class=\"rp\">)?(Rp [\d.]+)<", table)
    assert len(amounts) == 2
    assert sorted(amounts) == sorted(re.findall(r'<desc class="value">([^<]*)</desc>', categories))
    methods = client.get("/staf/dampak/grafik/pembayaran.svg", query_string=RANGE).get_data(as_text=True)
    count = re.findall(r"<td>(\d+)</td>", html.split('id="impact-methods"')[1].split("</table>")[0])
    assert re.findall(r'<desc class="value">([^<]*)</desc>', methods) == count


@numbers
def test_filters_by_area_and_category(history, client, login, make_seller):
    login(history["staff"])
    other = make_seller(area="Alor")
    other.name = "Ibu Alor"
    db.session.commit()
    html = client.get("/staf/dampak/", query_string={**RANGE, "wilayah": "Alor"}).get_data(as_text=True)
    assert "Ibu Alor" in html and history["shops"][0].name not in html
    html = client.get("/staf/dampak/", query_string={**RANGE, "kategori": history["craft"].id}).get_data(
        as_text=True)
    assert history["shops"][0].name in html and other.name not in html


@pytest.mark.parametrize(("args", "message"), [
    ({"dari": "2026-10-01", "sampai": "2026-09-01"}, "Tukar"),
    ({"dari": "31-10-2026"}, "tahun-bulan-tanggal"),
    ({"dari": "2020-01-01", "sampai": "2026-01-02"}, "5 tahun"),
    ({"wilayah": "Atlantis"}, "Wilayah"),
    ({"kategori": "abc"}, "Kategori"),
])
def test_bad_filters_get_a_clear_message(app, client, login, make_staff, args, message):
    login(make_staff())
    page = client.get("/staf/dampak/", query_string=args)
    assert page.status_code == 400
    assert message in page.get_data(as_text=True)
    for path in ("/staf/dampak/tabel.csv", "/staf/dampak/tabel.xlsx", "/staf/dampak/sponsor.pdf",
                 "/staf/dampak/grafik/penjualan.svg"):
        response = client.get(path, query_string=args)
        assert response.status_code == 400 and message in response.get_data(as_text=True)


def _impact_paths(app):
    paths = []
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/staf/dampak"):
            paths.append(rule.rule.replace("<int:shop_id>", "1").replace("<month>", "2026-10")
                         .replace("<name>", "penjualan"))
    return paths


def test_only_staff_reach_impact_routes(app, client, login, make_user, make_seller):
    paths = _impact_paths(app)
    assert len(paths) == 6
    for path in paths:
        response = client.get(path)
        assert response.status_code == 302 and "/akun/masuk" in response.headers["Location"]
    for user in (make_seller().owner, make_user(Role.BUYER)):
        login(user)
        for path in paths:
            assert client.get(path).status_code == 403, path


def test_seller_home_shows_only_her_progress(history, client, login, make_seller):
    shop = history["shops"][0]
    login(shop.owner)
    html = client.get("/penjual/").get_data(as_text=True)
    assert 'id="progress-change"' in html
    assert re.search(r"Penjualan bulan ini (naik|turun) \d+% dibanding bulan lalu", html)
    assert 'src="/penjual/kemajuan/grafik.svg"' in html
    best = html.split('class="progress-best"')[1].split("</ol>")[0]
    own = db.session.scalars(sa.select(Product.name).where(Product.shop_id == shop.id)).all()
    assert any(name in best for name in own)
    others = db.session.scalars(sa.select(Product.name).where(Product.shop_id != shop.id)).all()
    assert not any(f"{name}:" in best for name in others)
    assert history["shops"][1].name not in html
    # cash she kept herself leaves only the commission she owes: the balance may be negative
    assert ledger.balance(shop.id) and format_rupiah(ledger.balance(shop.id)) in html
    svg = client.get("/penjual/kemajuan/grafik.svg")
    assert svg.status_code == 200 and "<title" in svg.get_data(as_text=True)
    # an empty shop sees zeros, not her neighbour's numbers
    newcomer = make_seller()
    login(newcomer.owner)
    html = client.get("/penjual/").get_data(as_text=True)
    assert "Belum ada penjualan" in html
    assert "Rp 0" in html


@numbers
def test_products_listed_and_approved_per_month(app, make_seller, make_product):
    from storefront.domain.impact import Period
    from storefront.impact.queries import Filters
    from storefront.impact.report import build

    shop = make_seller()
    clock.freeze(datetime(2026, 8, 31, 17, 0))  # 1 September in Kupang
    make_product(shop=shop, approved_at=datetime(2026, 9, 30, 15, 59))  # still 30 September
    make_product(shop=shop, approved_at=datetime(2026, 9, 30, 16, 0))  # 1 October in Kupang
    clock.freeze(datetime(2026, 10, 5, 3, 0))
    make_product(shop=shop, status=ListingStatus.DRAFT)
    db.session.commit()
    report = build(Filters(Period(datetime(2026, 9, 1).date(), datetime(2026, 10, 31).date())))
    seller = report.sellers[0]
    assert (seller.months["2026-09"].products_listed, seller.months["2026-09"].products_approved) == (2, 1)
    assert (seller.months["2026-10"].products_listed, seller.months["2026-10"].products_approved) == (1, 1)
    assert (seller.total.products_listed, seller.total.products_approved) == (3, 2)
    assert seller.first_sale is None and seller.days_to_first_sale is None
