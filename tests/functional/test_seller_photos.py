"""Acceptance 3 (through the form): refused uploads say why, store nothing, and keep what she typed."""
import io
from pathlib import Path

import pytest
import sqlalchemy as sa

from storefront.catalog.models import CategoryKind, Product, ProductPhoto
from storefront.domain.listing import ListingStatus
from storefront.extensions import db
from storefront.media.images import MAX_BYTES
from tests.support import images


def _stored_files(app) -> set[Path]:
    root = Path(app.config["MEDIA_ROOT"])
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


@pytest.fixture
def new_files(app):
    """``new_files()``: media files that appeared since the test began (the folder is shared)."""
    before = _stored_files(app)
    return lambda: _stored_files(app) - before


def _over_10_mb() -> bytes:
    return b"\xff\xd8\xff\xe0" + b"\x00" * (MAX_BYTES + 10)


BAD = {
    "bomb": (images.bomb_png, "bom.png", "lebih dari 40 megapiksel"),
    "svg": (lambda: images.SVG, "gambar.svg", "misalnya gambar SVG"),
    "text-as-jpg": (lambda: images.TEXT_AS_JPG, "foto.jpg", "bukan foto yang bisa kami buka"),
    "20000-wide": (images.wide_png, "panorama.png", "terlalu lebar atau terlalu tinggi"),
    "over-10-mb": (_over_10_mb, "besar.jpg", "lebih besar dari 10 MB"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_a_refused_upload_stores_nothing_and_keeps_the_form(client, seller, make_category, new_files,
                                                              case):
    category = make_category(CategoryKind.FOOD)
    db.session.commit()
    make, name, message = BAD[case]
    response = client.post(f"/penjual/produk/baru?kategori={category.id}", data={
        "name": "Kue Rambut Nenek", "description": "Renyah dan manis.", "price": "15.000",
        "stock": "7", "halal_status": "no_pork", "allergens": "telur",
        "photos": [(io.BytesIO(images.photo_jpeg(400, 300)), "bagus.jpg"),
                   (io.BytesIO(make()), name)],
    }, content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in html and name in html
    assert 'value="Kue Rambut Nenek"' in html and 'value="15.000"' in html
    assert 'value="telur"' in html and "Renyah dan manis." in html
    assert db.session.scalar(sa.select(sa.func.count(Product.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(ProductPhoto.id))) == 0
    assert new_files() == set()


def test_a_refused_photo_on_edit_changes_nothing(client, seller, make_product, new_files):
    product = make_product(shop=seller, status=ListingStatus.APPROVED, name="Se'i Sapi")
    db.session.commit()
    response = client.post(f"/penjual/produk/{product.id}/ubah", data={
        "name": "Se'i Sapi Baru", "description": "Asap kayu kosambi.", "price": "80.000",
        "stock": "3", "halal_status": "certified",
        "photos": [(io.BytesIO(images.SVG), "x.svg")]}, content_type="multipart/form-data")
    assert response.status_code == 200 and "misalnya gambar SVG" in response.get_data(as_text=True)
    db.session.expire_all()
    saved = db.session.get(Product, product.id)
    assert (saved.name, saved.status, saved.photos) == ("Se'i Sapi", ListingStatus.APPROVED, [])
    assert new_files() == set()


def test_at_most_five_photos(client, seller, make_category, new_files):
    category = make_category(CategoryKind.CRAFT)
    db.session.commit()
    photos = [(io.BytesIO(images.png_bytes()), f"{i}.png") for i in range(6)]
    response = client.post(f"/penjual/produk/baru?kategori={category.id}", data={
        "name": "Selendang", "description": "Tenun ikat.", "price": "150.000", "stock": "1",
        "photos": photos}, content_type="multipart/form-data")
    assert "paling banyak punya 5 foto" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Product.id))) == 0
    assert new_files() == set()


def _product_with_photos(client, category, n: int) -> Product:
    client.post(f"/penjual/produk/baru?kategori={category.id}", data={
        "name": "Tas Lontar", "description": "Anyaman daun lontar.", "price": "60.000",
        "stock": "2", "photos": [(io.BytesIO(images.png_bytes(200 + i, 100)), f"{i}.png")
                                 for i in range(n)]}, content_type="multipart/form-data")
    return db.session.scalar(sa.select(Product))


def test_reorder_and_remove_photos(client, seller, make_category, new_files):
    category = make_category(CategoryKind.CRAFT)
    db.session.commit()
    product = _product_with_photos(client, category, 3)
    first, second, third = [p.id for p in product.photos]
    edit = client.get(f"/penjual/produk/{product.id}/ubah").get_data(as_text=True)
    assert edit.count("/geser") == 4 and edit.count("/hapus") == 3
    client.post(f"/penjual/produk/{product.id}/foto/{third}/geser", data={"step": "-1"})
    db.session.expire_all()
    assert [p.id for p in db.session.get(Product, product.id).photos] == [first, third, second]
    key = db.session.get(ProductPhoto, first).key
    # files go after the commit, once the response is closed (as a real server does)
    client.post(f"/penjual/produk/{product.id}/foto/{first}/hapus").close()
    db.session.expire_all()
    photos = db.session.get(Product, product.id).photos
    assert [(p.id, p.position) for p in photos] == [(third, 0), (second, 1)]
    assert not any(key in str(path) for path in new_files())
    assert len(new_files()) == 6


def test_photo_change_on_an_approved_product_goes_back_to_review(client, seller, make_category):
    category = make_category(CategoryKind.CRAFT)
    db.session.commit()
    product = _product_with_photos(client, category, 2)
    product.status = ListingStatus.APPROVED
    db.session.commit()
    client.post(f"/penjual/produk/{product.id}/foto/{product.photos[1].id}/geser", data={"step": "-1"})
    db.session.expire_all()
    assert db.session.get(Product, product.id).status == ListingStatus.PENDING_REVIEW
