"""The impact table as CSV and XLSX, a one-page PDF per seller and month, and the sponsors' PDF."""
from __future__ import annotations

import csv
import io
from collections.abc import Callable

from flask_babel import gettext as _
from flask_babel import ngettext
from openpyxl import Workbook
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from storefront.domain.impact import SellerMonth, SellerReport
from storefront.domain.money import format_rupiah
from storefront.domain.spreadsheet import neutralise, safe_row
from storefront.impact.report import Report, seller_rows
from storefront.reach.printables import BRAND, fonts

#: Excel's number format for whole rupiah ("Rp 25.000" in an Indonesian Excel).
RUPIAH_FORMAT = '"Rp" #,##0;-"Rp" #,##0'
PERCENT_FORMAT = "0%"


def columns() -> list[tuple[str, Callable[[SellerMonth], int], str]]:
    """(heading, value, kind) of every figure column; kind is "rupiah", "count" or "percent"."""
    return [
        (_("Gross sales"), lambda m: m.gross_sales, "rupiah"),
        (_("Commission"), lambda m: -m.commission, "rupiah"),
        (_("Refunds"), lambda m: -m.refunds, "rupiah"),
        (_("Net earnings"), lambda m: m.net_earnings, "rupiah"),
        (_("Payouts made"), lambda m: m.paid_out, "rupiah"),
        (_("Orders"), lambda m: m.orders, "count"),
        (_("Buyers"), lambda m: m.buyers, "count"),
        (_("Repeat buyers (%)"), lambda m: m.repeat_share, "percent"),
        (_("Average order"), lambda m: m.average_order, "rupiah"),
        (_("Products listed"), lambda m: m.products_listed, "count"),
        (_("Products approved"), lambda m: m.products_approved, "count"),
    ]


def _names(report: Report, names: dict[int, str] | None) -> dict[int, str]:
    return names or {seller.shop_id: seller.name for seller in report.sellers}


def table_rows(report: Report, names: dict[int, str] | None = None):
    """Heading row, then one row per seller and month, as plain Python values."""
    cols = columns()
    names = _names(report, names)
    yield [_("Month"), _("Seller"), _("Area"), *(c[0] for c in cols), _("Days to first sale")]
    for seller, month, figures in seller_rows(report):
        days = seller.days_to_first_sale
        yield [month, names[seller.shop_id], seller.area, *(c[1](figures) for c in cols),
               "" if days is None else days]


def as_csv(report: Report, names: dict[int, str] | None = None) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in table_rows(report, names):
        writer.writerow(safe_row(row))
    return out.getvalue()


def as_xlsx(report: Report, names: dict[int, str] | None = None) -> bytes:
    """Numbers stay numbers: rupiah with the rupiah format, repeat buyers as a percentage.
    Text cells are text (never a formula), neutralised as in the CSV."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("Impact")[:31]
    kinds = ["text", "text", "text", *(c[2] for c in columns()), "count"]
    for r, row in enumerate(table_rows(report, names), start=1):
        for c, value in enumerate(row, start=1):
            kind = kinds[c - 1]
            if r > 1 and kind == "percent":
                value = value / 100
            cell = sheet.cell(row=r, column=c)
            if isinstance(value, str):
                if value:
                    cell.value = neutralise(value)
                    cell.data_type = "s"
                cell.number_format = "@"
            else:
                cell.value = value
            if r > 1 and kind == "rupiah":
                cell.number_format = RUPIAH_FORMAT
            elif r > 1 and kind == "percent":
                cell.number_format = PERCENT_FORMAT
    for c in range(1, len(kinds) + 1):
        sheet.column_dimensions[sheet.cell(row=1, column=c).column_letter].width = 16
    sheet.freeze_panes = "C2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class _Page:
    """A simple top-down writer on one A4 page."""

    def __init__(self, title: str):
        self.out = io.BytesIO()
        self.canvas = Canvas(self.out, pagesize=A4)
        self.canvas.setTitle(title)
        self.regular, self.bold = fonts()
        self.y = A4[1] - 22 * mm
        self.left = 20 * mm

    def heading(self, text: str, size: int = 18) -> None:
        self.canvas.setFillColorRGB(*BRAND)
        self.canvas.setFont(self.bold, size)
        self.canvas.drawString(self.left, self.y, text)
        self.canvas.setFillColorRGB(0, 0, 0)
        self.y -= size * 0.6 * mm

    def line(self, text: str, size: int = 11) -> None:
        self.canvas.setFont(self.regular, size)
        self.canvas.drawString(self.left, self.y, text)
        self.y -= size * 0.5 * mm

    def pair(self, label: str, value: str) -> None:
        self.canvas.setFont(self.regular, 11)
        self.canvas.drawString(self.left, self.y, label)
        self.canvas.setFont(self.bold, 11)
        self.canvas.drawRightString(A4[0] - 20 * mm, self.y, value)
        self.y -= 6.5 * mm

    def gap(self, amount: float = 4) -> None:
        self.y -= amount * mm

    def done(self) -> bytes:
        self.canvas.showPage()
        self.canvas.save()
        return self.out.getvalue()


def _figures(page: _Page, figures: SellerMonth) -> None:
    for heading, value, kind in columns():
        number = value(figures)
        shown = format_rupiah(number) if kind == "rupiah" else (
            f"{number}%" if kind == "percent" else str(number))
        page.pair(heading, shown)


def seller_pdf(seller: SellerReport, month: str, figures: SellerMonth, month_name: str) -> bytes:
    """One page: her name, the month and her figures, in the language of the request."""
    page = _Page(f"Pasar Ibu – {seller.name} – {month}")
    page.heading(_("Pasar Ibu: monthly report"))
    page.line(seller.name, 14)
    page.line(f"{month_name} ({month}) · {seller.area}")
    page.gap()
    _figures(page, figures)
    page.gap()
    days = seller.days_to_first_sale
    page.line(_("Days from joining to her first sale: %(days)s", days=days) if days is not None
              else _("No sale yet."))
    page.gap(6)
    page.line(_("Numbers come from the Pasar Ibu ledger: sales count when an order is completed."), 9)
    return page.done()


def sponsor_pdf(report: Report, names: dict[int, str], period_text: str) -> bytes:
    """The programme's totals and each seller's totals, with names only where she consented."""
    page = _Page(_("Pasar Ibu: programme summary"))
    page.heading(_("Pasar Ibu: programme summary"))
    page.line(_("Women Care Day programme, %(period)s", period=period_text))
    page.line(_("Sellers: %(count)s", count=len(report.sellers)))
    page.gap()
    _figures(page, report.total)
    page.gap()
    page.heading(_("Each seller"), 13)
    for index, seller in enumerate(report.sellers):
        if page.y < 30 * mm:
            page.line(ngettext("… and %(num)s more seller.", "… and %(num)s more sellers.",
                               len(report.sellers) - index), 9)
            break
        page.pair(names[seller.shop_id], _("%(sales)s sales, %(orders)s orders",
                                           sales=format_rupiah(seller.total.gross_sales),
                                           orders=seller.total.orders))
    page.gap(6)
    page.line(_("Sellers who did not agree to be shown publicly are named \"Seller 1\", "
                "\"Seller 2\" and so on. No buyer's personal data is included."), 8)
    return page.done()
