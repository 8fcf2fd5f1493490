"""/staf: the review queue, shops, featured picks and the audit log (staff only)."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from storefront.accounts import login_limits
from storefront.audit.services import record
from storefront.catalog.models import Product
from storefront.curation import collection_services, queries, services
from storefront.curation.forms import (
    AddToCollectionForm,
    ApproveForm,
    FeatureForm,
    ReinstateForm,
    RequestChangesForm,
    SuspendForm,
)
from storefront.curation.labels import action_label, field_label, food_problem_label
from storefront.curation.models import Collection
from storefront.domain.curation import EditedMeanwhile, FoodRulesNotMet, NotPending
from storefront.domain.numbers import bounded_id, page_number
from storefront.extensions import db
from storefront.notifications.models import Notification
from storefront.shops.models import Shop
from storefront.web.access import staff_required

bp = Blueprint("curation", __name__, url_prefix="/staf")
bp.add_app_template_filter(field_label, "field_label")
bp.add_app_template_filter(action_label, "action_label")


@bp.before_request
@staff_required
def _staff_only():
    """Every page here is for staff; the decorator also guards each view."""


def _sent_note() -> Notification | None:
    """The message just sent to a seller, so staff can forward it by WhatsApp."""
    note_id = request.args.get("kabar", type=bounded_id)
    return db.session.get(Notification, note_id) if note_id else None


def _page() -> int:
    return request.args.get("page", 1, type=page_number) or 1


@bp.get("/tinjauan")
@staff_required
def queue():
    return render_template("curation/queue.html", items=queries.review_queue(),
                           sent=_sent_note(), food_problem_label=food_problem_label)


@bp.get("/tinjauan/<int:product_id>")
@staff_required
def review(product_id: int):
    item = queries.queue_entry(product_id) or abort(404)
    approve_form = ApproveForm(revision=item.product.revision)
    changes_form = RequestChangesForm(revision=item.product.revision)
    return _render_review(item, approve_form, changes_form)


def _render_review(item, approve_form, changes_form, status: int = 200):
    return render_template("curation/review.html", item=item, product=item.product,
                           approve_form=approve_form, changes_form=changes_form,
                           category_names=queries.category_names(),
                           food_problem_label=food_problem_label), status


def _refusal(error: Exception) -> str:
    if isinstance(error, NotPending):
        return _("Nothing was changed: this product is no longer waiting for review. "
                 "Someone may have decided already, or the seller withdrew it.")
    if isinstance(error, EditedMeanwhile):
        return _("Nothing was changed: the seller edited this product after you opened it. "
                 "Look at the new version below and decide again.")
    problems = ", ".join(food_problem_label(p) for p in error.problems)
    return _("This food cannot be approved yet: %(problems)s. Ask the seller for it.",
             problems=problems)


@bp.post("/tinjauan/<int:product_id>/setujui")
@staff_required
def approve(product_id: int):
    form = ApproveForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        note = services.approve(current_user, product_id, form.revision.data)
    except LookupError:
        abort(404)
    except (NotPending, EditedMeanwhile, FoodRulesNotMet) as error:
        db.session.rollback()
        flash(_refusal(error), "error")
        return redirect(url_for(".review", product_id=product_id))
    db.session.commit()
    flash(_("Approved. The product is public now."), "success")
    return redirect(url_for(".queue", kabar=note.id))


@bp.post("/tinjauan/<int:product_id>/minta-perubahan")
@staff_required
def request_changes(product_id: int):
    form = RequestChangesForm()
    if not form.validate_on_submit():
        item = queries.queue_entry(product_id) or abort(404)
        if form.revision.errors:
            abort(400)
        return _render_review(item, ApproveForm(revision=form.revision.data), form, 422)
    try:
        note = services.request_changes(current_user, product_id, form.revision.data,
                                        form.reason.data)
    except LookupError:
        abort(404)
    except (NotPending, EditedMeanwhile) as error:
        db.session.rollback()
        flash(_refusal(error), "error")
        return redirect(url_for(".review", product_id=product_id))
    db.session.commit()
    flash(_("Sent back to the seller with your reason."), "success")
    return redirect(url_for(".queue", kabar=note.id))


@bp.get("/toko")
@staff_required
def shops():
    return render_template("curation/shops.html", rows=queries.shops(), sent=_sent_note(),
                           suspend_form=SuspendForm(), reinstate_form=ReinstateForm())


@bp.post("/toko/<int:shop_id>/buka-kunci")
@staff_required
def unlock_login(shop_id: int):
    """Lift the login limits on the seller's account, after strangers tried her password."""
    shop = db.session.get(Shop, shop_id) or abort(404)
    login_limits.clear_account(shop.owner)
    record(current_user, "login.unlock", shop_id=shop.id)
    db.session.commit()
    flash(_("%(name)s can log in again now.", name=shop.owner.name), "success")
    return redirect(url_for(".shops"))


@bp.post("/toko/<int:shop_id>/tangguhkan")
@staff_required
def suspend(shop_id: int):
    shop = db.session.get(Shop, shop_id) or abort(404)
    form = SuspendForm()
    if not form.validate_on_submit():
        flash(_("Write why the shop is paused (at least 5 characters)."), "error")
        return redirect(url_for(".shops"))
    try:
        note = services.suspend(current_user, shop, form.reason.data)
    except services.AlreadyInThatState:
        flash(_("This shop is already paused."), "error")
        return redirect(url_for(".shops"))
    db.session.commit()
    flash(_("%(name)s is paused: its products are hidden and orders stop.", name=shop.name),
          "success")
    return redirect(url_for(".shops", kabar=note.id))


@bp.post("/toko/<int:shop_id>/aktifkan")
@staff_required
def reinstate(shop_id: int):
    shop = db.session.get(Shop, shop_id) or abort(404)
    form = ReinstateForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        note = services.reinstate(current_user, shop, form.reason.data or "")
    except services.AlreadyInThatState:
        flash(_("This shop is already open."), "error")
        return redirect(url_for(".shops"))
    db.session.commit()
    flash(_("%(name)s is open again.", name=shop.name), "success")
    return redirect(url_for(".shops", kabar=note.id))


@bp.get("/produk")
@staff_required
def products():
    text = request.args.get("q", "")[:100]
    page = queries.approved_products(text, _page(), current_app.config["PAGE_SIZE"])
    add_form = AddToCollectionForm()
    add_form.collection_id.choices = [(c.id, c.name) for c in queries.all_collections()]
    return render_template("curation/products.html", page=page, q_staff=text,
                           feature_form=FeatureForm(), add_form=add_form)


@bp.post("/produk/<int:product_id>/unggulan")
@staff_required
def feature(product_id: int):
    product = db.session.get(Product, product_id) or abort(404)
    form = FeatureForm()
    if not form.validate_on_submit():
        abort(400)
    services.set_featured(current_user, product, form.featured.data == "1")
    db.session.commit()
    flash(_("%(name)s is a staff pick now.", name=product.name) if product.featured
          else _("%(name)s is no longer a staff pick.", name=product.name), "success")
    return redirect(url_for(".products", q=request.args.get("q", "")))


@bp.post("/produk/<int:product_id>/koleksi")
@staff_required
def add_to_collection(product_id: int):
    product = db.session.get(Product, product_id) or abort(404)
    form = AddToCollectionForm()
    form.collection_id.choices = [(c.id, c.name) for c in queries.all_collections()]
    if not form.validate_on_submit():
        flash(_("Choose a collection first. No collection yet? Make one under Collections."),
              "error")
        return redirect(url_for(".products"))
    collection = db.session.get(Collection, form.collection_id.data) or abort(404)
    if collection_services.add_product(current_user, collection, product):
        db.session.commit()
        flash(_("%(product)s is in %(collection)s now.", product=product.name,
                collection=collection.name), "success")
    else:
        flash(_("%(product)s was already in %(collection)s.", product=product.name,
                collection=collection.name), "info")
    return redirect(url_for(".products", q=request.args.get("q", "")))


@bp.get("/audit")
@staff_required
def audit():
    shop_id = request.args.get("toko", type=bounded_id)
    product_id = request.args.get("produk", type=bounded_id)
    page = queries.audit_log(shop_id, product_id, _page(), 50)
    return render_template("curation/audit.html", page=page, shop_id=shop_id,
                           product_id=product_id, shop_choices=queries.shop_choices())
