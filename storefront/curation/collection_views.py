"""/staf/koleksi: staff build collections (staff only)."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from storefront.catalog.models import Product
from storefront.curation import collection_services, queries
from storefront.curation.forms import CollectionForm
from storefront.curation.models import Collection
from storefront.domain.curation import InvalidCollectionDates
from storefront.domain.slugs import slugify
from storefront.extensions import db
from storefront.web.access import staff_required

bp = Blueprint("collections_staff", __name__, url_prefix="/staf/koleksi")


@bp.before_request
@staff_required
def _staff_only():
    """Every page here is for staff; the decorator also guards each view."""


def _save(collection: Collection | None, form: CollectionForm) -> Collection | None:
    try:
        saved = collection_services.save(
            current_user, collection, name=form.name.data,
            slug=form.slug.data or slugify(form.name.data), banner=form.banner.data or "",
            position=form.position.data, starts_on=form.starts_on.data,
            ends_on=form.ends_on.data)
    except InvalidCollectionDates:
        db.session.rollback()
        form.ends_on.errors = [_("The last day cannot be before the first day.")]
        return None
    except collection_services.SlugTaken:
        db.session.rollback()
        form.slug.errors = [_("Another collection already uses this address. Choose another.")]
        return None
    db.session.commit()
    return saved


@bp.route("/", methods=["GET", "POST"])
@staff_required
def index():
    form = CollectionForm()
    if form.validate_on_submit():
        saved = _save(None, form)
        if saved is not None:
            flash(_("Collection %(name)s is made. Add products from the product list.",
                    name=saved.name), "success")
            return redirect(url_for(".edit", collection_id=saved.id))
    status = 422 if form.errors else 200
    return render_template("curation/collections.html", collections=queries.all_collections(),
                           form=form), status


@bp.route("/<int:collection_id>", methods=["GET", "POST"])
@staff_required
def edit(collection_id: int):
    collection = db.session.get(Collection, collection_id) or abort(404)
    form = CollectionForm(obj=collection)
    if form.validate_on_submit():
        if _save(collection, form) is not None:
            flash(_("Saved."), "success")
            return redirect(url_for(".edit", collection_id=collection_id))
        collection = db.session.get(Collection, collection_id) or abort(404)
    status = 422 if form.errors else 200
    return render_template("curation/collection.html", collection=collection, form=form), status


@bp.post("/<int:collection_id>/produk/<int:product_id>/hapus")
@staff_required
def remove_product(collection_id: int, product_id: int):
    collection = db.session.get(Collection, collection_id) or abort(404)
    product = db.session.get(Product, product_id) or abort(404)
    if collection_services.remove_product(current_user, collection, product):
        db.session.commit()
        flash(_("%(product)s is out of this collection.", product=product.name), "success")
    return redirect(url_for(".edit", collection_id=collection_id))
