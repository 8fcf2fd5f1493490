"""/hampers for buyers, /staf/hampers for staff who compose them."""
from __future__ import annotations

import re

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import contains_eager

from storefront import clock
from storefront.catalog.models import Product
from storefront.checkout.services import Buyer
from storefront.curation import queries as curation_queries
from storefront.curation.models import Collection
from storefront.domain import hampers as rules
from storefront.domain.listing import ListingStatus
from storefront.domain.money import InvalidPrice, read_rupiah
from storefront.domain.numbers import NotAWholeNumber, parse_id, parse_whole
from storefront.domain.stock import OutOfStock, earliest_date
from storefront.extensions import db
from storefront.hampers import ordering, services
from storefront.hampers.forms import COMPONENT_ROWS, BuyHamperForm, HamperForm
from storefront.pickup import services as pickup
from storefront.pickup.models import PickupPoint
from storefront.web.access import staff_required

bp = Blueprint("hampers", __name__, url_prefix="/hampers")
staff_bp = Blueprint("hampers_staff", __name__, url_prefix="/staf/hampers")


@bp.app_context_processor
def _hamper_helpers() -> dict:
    return {"hampers_in_collection": services.in_collection}


@bp.get("/")
def index():
    listed = [h for h in services.listed() if services.is_available(h)]
    return render_template("hampers/index.html", hampers=listed)


def _order_error(exc: Exception) -> str:
    if isinstance(exc, ordering.HamperDateNeeded):
        if exc.latest:
            return _("Choose a day from %(date)s to %(latest)s.", date=format_date(exc.earliest, "long"),
                     latest=format_date(exc.latest, "long"))
        return _("Some parts are made to order: choose a day on or after %(date)s.",
                 date=format_date(exc.earliest, "long"))
    if isinstance(exc, ordering.HamperPriceChanged):
        return _("The price of this hamper changed. Check the new price, then order again.")
    if isinstance(exc, OutOfStock):
        return _("Sorry, not enough %(name)s is left for that many hampers. "
                 "Choose fewer or another day.", name=exc.name)
    return _("Sorry, this hamper cannot be ordered right now.")


@bp.route("/<slug>", methods=["GET", "POST"])
def detail(slug: str):
    hamper = services.by_slug(slug)
    if hamper is None or not hamper.active:
        abort(404)
    available = services.is_available(hamper)
    form = BuyHamperForm()
    if request.method == "GET" and current_user.is_authenticated:
        form.name.data = form.name.data or current_user.name
        form.phone.data = form.phone.data or current_user.phone
        form.email.data = form.email.data or current_user.email
    status = 200
    if request.method == "POST":
        if not available:
            flash(_("Sorry, this hamper cannot be ordered right now."), "error")
            status = 409
        elif form.validate_on_submit():
            buyer = Buyer(name=form.name.data.strip(), phone=form.phone.data,
                          email=(form.email.data or "").strip().lower(),
                          user=current_user if current_user.is_authenticated else None)
            try:
                order = ordering.place_hamper_order(
                    hamper.id, form.quantity.data, form.price_seen.data or 0, buyer,
                    wanted_date=form.wanted_date.data,
                    gift_note=(form.gift_note.data or "").strip())
            except (ordering.CheckoutError, OutOfStock) as exc:
                db.session.rollback()
                flash(_order_error(exc), "error")
                status = 409
                hamper = services.by_slug(slug)
                available = services.is_available(hamper)
            else:
                db.session.commit()
                return redirect(url_for("orders.confirmation", token=order.token))
        else:
            status = 422
    earliest = earliest_date(clock.today_local(), services.lead_days(hamper))
    needs_date = any(c.product.made_to_order for c in hamper.components)
    return render_template("hampers/detail.html", hamper=hamper, available=available, form=form,
                           earliest=earliest, needs_date=needs_date), status


# ---- staff ----------------------------------------------------------------------------------

@staff_bp.before_request
@staff_required
def _staff_only():
    """Every page here is for staff; the decorator also guards each view."""


def _products() -> list[Product]:
    return list(db.session.scalars(
        sa.select(Product).join(Product.shop).where(Product.status == ListingStatus.APPROVED)
        .options(contains_eager(Product.shop)).order_by(Product.name)))


def _components() -> tuple[list[tuple[int, int, int]], str | None]:
    rows, error = [], None
    for i in range(COMPONENT_ROWS):
        pid = (request.form.get(f"product-{i}") or "").strip()
        if not pid:
            continue
        qty = (request.form.get(f"qty-{i}") or "1").strip()
        try:
            share = read_rupiah(request.form.get(f"share-{i}"))
            rows.append((parse_whole(pid, low=1), parse_whole(qty), share))
        except (NotAWholeNumber, InvalidPrice):
            error = _("Each product needs a quantity and a share in whole rupiah.")
    return rows, error


def _posted_rows() -> list[tuple[int | None, str, str]]:
    """The component rows as she sent them, to show again: product id (or None), quantity, share."""
    rows = []
    for i in range(COMPONENT_ROWS):
        raw = (request.form.get(f"product-{i}") or "").strip()
        pid = int(raw) if re.fullmatch(r"[0-9]{1,10}", raw) else None
        rows.append((pid, (request.form.get(f"qty-{i}") or "1")[:12],
                     (request.form.get(f"share-{i}") or "")[:20]))
    return rows


def _share_error(exc: Exception) -> str:
    if isinstance(exc, rules.SharesDoNotAddUp):
        return _("The sellers' shares add up to %(total)s, but the price is %(price)s. "
                 "Make them equal.", total=exc.total, price=exc.price)
    if isinstance(exc, rules.TooFewSellers):
        return _("A hamper holds the work of at least two sellers.")
    if isinstance(exc, services.UnknownProduct):
        return _("Choose only approved products.")
    return _("Each product needs a quantity of at least 1 and a share of 0 or more, "
             "each product once.")


@staff_bp.route("/", methods=["GET", "POST"])
@staff_required
def compose():
    return _form(None)


@staff_bp.route("/<int:hamper_id>", methods=["GET", "POST"])
@staff_required
def edit(hamper_id: int):
    hamper = services.get(hamper_id) or abort(404)
    return _form(hamper)


def _form(hamper):
    form = HamperForm(obj=hamper)
    form.point_id.choices = [(p.id, p.name) for p in pickup.active_points()]
    errors: list[str] = []
    if form.validate_on_submit():
        rows, error = _components()
        if error:
            errors.append(error)
        else:
            try:
                saved = services.compose(
                    name=form.name.data, description=form.description.data or "",
                    price=form.price.data, point=db.session.get(PickupPoint, form.point_id.data),
                    components=rows, staff=current_user, hamper=hamper)
            except rules.HamperError as exc:
                db.session.rollback()
                errors.append(_share_error(exc))
            else:
                db.session.commit()
                flash(_("Hamper %(name)s is saved.", name=saved.name), "success")
                return redirect(url_for(".edit", hamper_id=saved.id))
    status = 422 if (form.errors or errors) else 200
    if request.method == "POST":  # an error keeps every product and share she chose
        current = _posted_rows()
    else:
        current = [(c.product_id, c.quantity, c.unit_share) for c in hamper.components] if hamper else []
        current += [(None, 1, "")] * (COMPONENT_ROWS - len(current))
    return render_template("hampers/staff.html", form=form, hamper=hamper, errors=errors,
                           hampers=services.listed(include_archived=True), products=_products(),
                           rows=current, collections=curation_queries.all_collections(),
                           is_available=services.is_available), status


@staff_bp.post("/<int:hamper_id>/arsip")
@staff_required
def archive(hamper_id: int):
    hamper = services.get(hamper_id) or abort(404)
    services.archive(hamper, current_user)
    db.session.commit()
    flash(_("Hamper %(name)s is archived; buyers no longer see it.", name=hamper.name), "success")
    return redirect(url_for(".compose"))


@staff_bp.post("/<int:hamper_id>/koleksi")
@staff_required
def feature(hamper_id: int):
    hamper = services.get(hamper_id) or abort(404)
    raw = request.form.get("collection_id", "")
    collection_id = parse_id(raw)
    collection = db.session.get(Collection, collection_id) if collection_id else None
    if collection is None:
        flash(_("Choose a collection first."), "error")
        return redirect(url_for(".edit", hamper_id=hamper.id))
    services.feature(hamper, collection, current_user, on=request.form.get("on", "1") == "1")
    db.session.commit()
    flash(_("Collection %(name)s updated.", name=collection.name), "success")
    return redirect(url_for(".edit", hamper_id=hamper.id))
