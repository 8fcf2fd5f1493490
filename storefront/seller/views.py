"""/penjual: the seller's dashboard: her shop profile and her products."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from storefront.catalog import services
from storefront.catalog.models import Category, Product
from storefront.domain.listing import InvalidListingMove, ListingStatus
from storefront.domain.numbers import bounded_id
from storefront.extensions import db, limiter
from storefront.impact import progress
from storefront.security import UPLOAD_LIMIT
from storefront.seller import todo
from storefront.seller.context import current_shop, own_photo, own_product
from storefront.seller.forms import MoveForm, ProfileForm, StockForm, product_form
from storefront.seller.uploads import PhotoRefused, chosen, render_uploads
from storefront.shops.models import ContactChoice
from storefront.shops.services import update_profile
from storefront.web.access import seller_required

bp = Blueprint("seller", __name__, url_prefix="/penjual")


@bp.get("/")
@seller_required
def home():
    shop = current_shop()
    return render_template("seller/home.html", shop=shop, progress=progress.for_shop(shop.id),
                           todo=todo.for_seller(shop.id, shop.owner_id))


@bp.route("/toko", methods=["GET", "POST"])
@limiter.limit(UPLOAD_LIMIT, methods=["POST"])
@seller_required
def profile():
    shop = current_shop()
    form = ProfileForm(obj=shop)
    if request.method == "GET" and shop.whatsapp:
        form.whatsapp.data = "0" + shop.whatsapp.removeprefix("+62")
    if form.validate_on_submit():
        try:
            photo = render_uploads(chosen(form.photo.data))
        except PhotoRefused as exc:
            form.photo.errors = [exc.message]
        else:
            update_profile(shop, name=form.name.data, story=form.story.data or "",
                           area=form.area.data, whatsapp=form.whatsapp.data,
                           pickup_address=form.pickup_address.data or "",
                           on_holiday=form.on_holiday.data, photo=photo[0] if photo else None,
                           holiday_until=form.holiday_until.data,
                           contact=ContactChoice(form.contact.data))
            db.session.commit()
            flash(_("Your shop profile is saved."), "info")
            return redirect(url_for("seller.profile"))
    return render_template("seller/profile.html", shop=shop, form=form)


@bp.get("/produk")
@seller_required
def products():
    shop = current_shop()
    items = db.session.scalars(
        sa.select(Product).where(Product.shop_id == shop.id)
        .options(selectinload(Product.photos), selectinload(Product.category))
        .order_by(Product.status == ListingStatus.ARCHIVED, Product.created_at.desc(),
                  Product.id.desc())).all()
    return render_template("seller/products.html", shop=shop, products=items, stock_form=StockForm(),
                           move_form=MoveForm())


def _category(default: Category | None) -> Category | None:
    chosen_id = request.args.get("kategori", type=bounded_id)
    if chosen_id is None:
        return default
    return db.session.get(Category, chosen_id) or abort(404)


def _categories() -> list[Category]:
    return list(db.session.scalars(sa.select(Category).order_by(Category.position, Category.id)))


def _read_photos(form) -> list | None:
    """Rendered uploads, or None after putting the refusal on the form."""
    try:
        return render_uploads(chosen(form.photos.data))
    except PhotoRefused as exc:
        form.photos.errors = [*form.photos.errors, exc.message]
        return None


@bp.route("/produk/baru", methods=["GET", "POST"])
@limiter.limit(UPLOAD_LIMIT, methods=["POST"])
@seller_required
def new_product():
    shop = current_shop()
    category = _category(None)
    if category is None:
        return render_template("seller/choose_category.html", categories=_categories(), product=None)
    form = product_form(category.kind)
    if form.validate_on_submit():
        photos = _read_photos(form)
        if photos is not None:
            try:
                product = services.create_product(shop, category, form.values(), photos)
            except services.TooManyPhotos:
                form.photos.errors = [_("A product can have at most 5 photos.")]
            else:
                if request.form.get("then") == "submit":  # one screen: save and send for review
                    services.submit_product(product)
                    db.session.commit()
                    flash(_("Saved and sent for review. Staff usually check within two working days."),
                          "info")
                else:
                    db.session.commit()
                    flash(_("Saved as a draft. When it is ready, send it for review."), "info")
                return redirect(url_for("seller.products", _anchor=f"p{product.id}"))
    return render_template("seller/product_form.html", form=form, category=category, product=None)


@bp.route("/produk/<int:product_id>/ubah", methods=["GET", "POST"])
@limiter.limit(UPLOAD_LIMIT, methods=["POST"])
@seller_required
def edit_product(product_id: int):
    product = own_product(current_shop(), product_id)
    if request.args.get("kategori") == "pilih":
        return render_template("seller/choose_category.html", categories=_categories(), product=product)
    category = _category(product.category)
    form = product_form(category.kind, obj=product)
    if request.method == "GET":
        form.price.data = f"{product.price:,}".replace(",", ".")
    if form.validate_on_submit():
        photos = _read_photos(form)
        if photos is not None:
            was_approved = product.status == ListingStatus.APPROVED
            try:
                services.update_product(product, category, form.values(), photos)
            except services.TooManyPhotos:
                form.photos.errors = [_("A product can have at most 5 photos. Remove one first.")]
            else:
                back = was_approved and product.status == ListingStatus.PENDING_REVIEW
                db.session.commit()
                flash(_("Saved. Staff will check your changes before they show.") if back
                      else _("Saved."), "info")
                return redirect(url_for("seller.products", _anchor=f"p{product.id}"))
    return render_template("seller/product_form.html", form=form, category=category, product=product,
                           move_form=MoveForm())


@bp.post("/produk/<int:product_id>/stok")
@seller_required
def update_stock(product_id: int):
    product = own_product(current_shop(), product_id)
    form = StockForm()
    if not form.validate() or product.made_to_order:
        flash(_("Stock must be a number between 0 and 9999."), "error")
        return redirect(url_for("seller.products", _anchor=f"p{product.id}"))
    stock = (product.stock or 0) + form.step.data if form.step.data else form.stock.data
    if stock is None:
        stock = product.stock or 0
    services.set_stock(product, stock)
    db.session.commit()
    flash(_("Stock of %(name)s is now %(n)s.", name=product.name, n=product.stock), "info")
    return redirect(url_for("seller.products", _anchor=f"p{product.id}"))


def _status_change(product_id: int, change, done: str):
    product = own_product(current_shop(), product_id)
    try:
        change(product)
    except InvalidListingMove:
        flash(_("This cannot be done now. Reload the page to see the product's status."), "error")
    else:
        db.session.commit()
        flash(done, "info")
    return redirect(url_for("seller.products", _anchor=f"p{product.id}"))


@bp.post("/produk/<int:product_id>/kirim")
@seller_required
def submit_product(product_id: int):
    return _status_change(product_id, services.submit_product,
                          _("Sent for review. Staff usually check within two working days."))


@bp.post("/produk/<int:product_id>/arsip")
@seller_required
def archive_product(product_id: int):
    return _status_change(product_id, services.archive_product,
                          _("Archived: buyers no longer see it."))


@bp.post("/produk/<int:product_id>/pulihkan")
@seller_required
def restore_product(product_id: int):
    return _status_change(product_id, services.restore_product,
                          _("Back as a draft. Send it for review when it is ready."))


@bp.post("/produk/<int:product_id>/salin")
@seller_required
def duplicate_product(product_id: int):
    product = own_product(current_shop(), product_id)
    copy = services.duplicate_product(product)
    db.session.commit()
    flash(_("A copy was made as a draft. Change what differs and add photos."), "info")
    return redirect(url_for("seller.edit_product", product_id=copy.id))


@bp.post("/produk/<int:product_id>/foto/<int:photo_id>/hapus")
@seller_required
def remove_photo(product_id: int, photo_id: int):
    product = own_product(current_shop(), product_id)
    services.remove_photo(product, own_photo(product, photo_id))
    db.session.commit()
    flash(_("Photo removed."), "info")
    return redirect(url_for("seller.edit_product", product_id=product.id, _anchor="photos"))


@bp.post("/produk/<int:product_id>/foto/<int:photo_id>/geser")
@seller_required
def move_photo(product_id: int, photo_id: int):
    product = own_product(current_shop(), product_id)
    photo = own_photo(product, photo_id)
    form = MoveForm()
    if not form.validate():
        abort(400)
    services.move_photo(product, photo, form.step.data)
    db.session.commit()
    return redirect(url_for("seller.edit_product", product_id=product.id, _anchor="photos"))
