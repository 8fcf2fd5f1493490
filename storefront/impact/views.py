"""/staf/dampak: the programme's impact for staff (page, charts, exports); the seller's own chart."""
from __future__ import annotations

from dataclasses import replace

from flask import Blueprint, Response, abort, render_template, request
from flask_babel import force_locale, format_date
from flask_babel import gettext as _

from storefront import clock
from storefront.domain import impact as rules
from storefront.domain.areas import ALL_AREAS
from storefront.domain.money import format_rupiah
from storefront.domain.numbers import parse_id
from storefront.extensions import db
from storefront.impact import charts, exports, progress
from storefront.impact.queries import Filters, categories
from storefront.impact.report import Report, build
from storefront.seller.context import current_shop
from storefront.shops.models import Shop
from storefront.web.access import seller_required, staff_required

bp = Blueprint("impact", __name__, url_prefix="/staf/dampak")
seller_bp = Blueprint("progress", __name__, url_prefix="/penjual/kemajuan")

CHARTS = ("penjualan", "kategori", "pembayaran")


class BadFilters(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def period_message(exc: rules.InvalidPeriod) -> str:
    if isinstance(exc, rules.ReversedPeriod):
        return _("The first day comes after the last day. Swap the two dates and try again.")
    if isinstance(exc, rules.PeriodTooLong):
        return _("That range is longer than 5 years. Choose a shorter range.")
    return _("A date could not be read. Use the form year-month-day, e.g. 2026-10-31.")


def read_filters() -> Filters:
    """The filters in the query string, or ``BadFilters`` with a message for the person."""
    try:
        period = rules.parse_period(request.args.get("dari"), request.args.get("sampai"),
                                    clock.today_local())
    except rules.InvalidPeriod as exc:
        raise BadFilters(period_message(exc)) from exc
    area = request.args.get("wilayah", "").strip()
    if area and area not in ALL_AREAS:
        raise BadFilters(_("Unknown area. Choose one from the list."))
    raw = request.args.get("kategori", "").strip()
    category_id = parse_id(raw) if raw else None
    if raw and category_id is None:
        raise BadFilters(_("Unknown category. Choose one from the list."))
    return Filters(period=period, area=area, category_id=category_id)


def _query_args(filters: Filters) -> dict:
    args = {"dari": filters.period.first.isoformat(), "sampai": filters.period.last.isoformat()}
    if filters.area:
        args["wilayah"] = filters.area
    if filters.category_id is not None:
        args["kategori"] = filters.category_id
    return args


def _bad(message: str, status: int = 400) -> Response:
    return Response(message, status=status, mimetype="text/plain")


@bp.errorhandler(BadFilters)
def _bad_filters(exc: BadFilters) -> Response:
    """Charts and exports answer a bad date range, area or category with the reason, as text."""
    return _bad(exc.message)


def _period_text(filters: Filters) -> str:
    return f"{format_date(filters.period.first, 'long')} – {format_date(filters.period.last, 'long')}"


@bp.get("/")
@staff_required
def dashboard():
    try:
        filters = read_filters()
    except BadFilters as exc:
        return render_template("impact/dashboard.html", error=exc.message, report=None,
                               categories=categories(), areas=ALL_AREAS, args=request.args,
                               query={}), 400
    report = build(filters)
    return render_template("impact/dashboard.html", error=None, report=report,
                           columns=exports.columns(), categories=categories(), areas=ALL_AREAS,
                           args=_query_args(filters), query=_query_args(filters),
                           period_text=_period_text(filters), empty=rules.SellerMonth(),
                           method_label=method_label,
                           line_height=charts.line_height(len(report.sellers) + 1))


# --- charts ----------------------------------------------------------------------------------

def _svg(text: str) -> Response:
    response = Response(text, mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "private, max-age=60"
    return response


def chart_svg(name: str, report: Report) -> str:
    if name == "penjualan":
        series = [(seller.name, [seller.months.get(m, rules.SellerMonth()).gross_sales
                                 for m in report.months]) for seller in report.sellers]
        series.append((_("All sellers"), [report.month_totals[m].gross_sales for m in report.months]))
        return charts.line_by_month(
            _("Monthly sales per seller and in total"),
            _("Gross sales of completed orders in each month, one line per seller and one for "
              "the whole programme. The same numbers are in the table beside it."),
            report.months, series)
    if name == "kategori":
        return charts.bars(_("Sales by category"),
                           _("Goods sold in completed orders in the period, per category."),
                           [(c.name, c.amount) for c in report.categories])
    return charts.bars(_("Orders by payment method"),
                       _("Completed orders in the period, per payment method."),
                       [(method_label(m), n) for m, n in report.methods], money=False)


def method_label(method: str) -> str:
    labels = {"cash": _("Cash"), "card": _("Card"), "bank_transfer": _("Bank transfer or QRIS"),
              "qris": "QRIS", "va": _("Virtual account"), "ewallet": _("E-wallet")}
    return labels.get(method, method)


@bp.get("/grafik/<name>.svg")
@staff_required
def chart(name: str):
    if name not in CHARTS:
        abort(404)
    filters = read_filters()
    return _svg(chart_svg(name, build(filters)))


chart.talisman_view_options = {"content_security_policy": charts.SVG_CSP}


# --- exports ---------------------------------------------------------------------------------

def _for_sponsor() -> bool:
    """Sponsor exports (``?untuk=sponsor``) name only sellers who consented."""
    return request.args.get("untuk") == "sponsor"


def _for_sponsors(report: Report) -> Report:
    """The report as sponsors see it: consented names only, small areas as "Lainnya",
    anonymous sellers in random order."""
    sellers = rules.for_sponsors(report.sellers, _("Seller %d"), _("Other"))
    return replace(report, sellers=sellers)


def _download(body, mimetype: str, filename: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _stem(filters: Filters, sponsor: bool) -> str:
    kind = "sponsor" if sponsor else "dampak"
    return f"pasar-ibu-{kind}-{filters.period.first:%Y%m%d}-{filters.period.last:%Y%m%d}"


@bp.get("/tabel.csv")
@staff_required
def table_csv():
    filters = read_filters()
    report = build(filters)
    sponsor = _for_sponsor()
    if sponsor:
        report = _for_sponsors(report)
    return _download(exports.as_csv(report), "text/csv",
                     _stem(filters, sponsor) + ".csv")


@bp.get("/tabel.xlsx")
@staff_required
def table_xlsx():
    filters = read_filters()
    report = build(filters)
    sponsor = _for_sponsor()
    if sponsor:
        report = _for_sponsors(report)
    return _download(exports.as_xlsx(report),
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     _stem(filters, sponsor) + ".xlsx")


@bp.get("/sponsor.pdf")
@staff_required
def sponsor_pdf():
    filters = read_filters()
    report = _for_sponsors(build(filters))
    names = {seller.shop_id: seller.name for seller in report.sellers}
    return _download(exports.sponsor_pdf(report, names, _period_text(filters)), "application/pdf",
                     _stem(filters, True) + ".pdf")


@bp.get("/laporan/<int:shop_id>/<month>.pdf")
@staff_required
def seller_pdf(shop_id: int, month: str):
    if db.session.get(Shop, shop_id) is None:
        abort(404)
    try:
        period = rules.parse_month(month)
    except rules.InvalidPeriod:
        # an address that names no month is no page: 404, with a message that says why
        return _bad(_("A month could not be read. Use the form year-month, e.g. 2026-10."), 404)
    report = build(Filters(period=period))
    seller = next(s for s in report.sellers if s.shop_id == shop_id)
    key = rules.month_key(period.first)
    figures = seller.months.get(key, rules.SellerMonth())
    with force_locale("id"):  # her report is in Indonesian, whatever the staff member reads
        body = exports.seller_pdf(seller, key, figures, format_date(period.first, "MMMM yyyy"))
    return _download(body, "application/pdf", f"pasar-ibu-{shop_id}-{key}.pdf")


# --- the seller's own chart --------------------------------------------------------------------

@seller_bp.get("/grafik.svg")
@seller_required
def seller_chart():
    shop = current_shop()
    months, sales = progress.monthly_sales(shop.id)
    labels = [format_date(rules.parse_month(m).first, "MMM") for m in months]
    listed = ", ".join(f"{label} {format_rupiah(v)}" for label, v in zip(labels, sales, strict=True))
    return _svg(charts.month_bars(
        _("My sales, last 6 months"),
        _("Sales of my completed orders in each of the last 6 months: %(list)s.", list=listed),
        labels, sales))


seller_chart.talisman_view_options = {"content_security_policy": charts.SVG_CSP}

