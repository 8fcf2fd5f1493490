"""Acceptance 1: staff onboard a seller; she sets her password from the invitation, edits her
profile, lists a food product with two photos and submits it: it reads "pending review"."""
import io
import re

import sqlalchemy as sa

from storefront.accounts.models import Role
from storefront.catalog.models import CategoryKind, HalalStatus, Product
from storefront.domain.listing import ListingStatus
from storefront.extensions import db
from storefront.media.storage import file_name, storage
from storefront.shops.models import Shop
from tests.support.images import photo_jpeg


def test_onboarding_to_pending_review(app, client, login, make_user, make_category):
    staff = make_user(Role.STAFF)
    food = make_category(CategoryKind.FOOD)
    db.session.commit()

    # Staff record her and get a one-time link.
    login(staff)
    page = client.post("/staf/penjual/baru", data={
        "name": "Mama Yohana", "phone": "0813-3800-1122", "shop_name": "Sambal Mama Yohana",
        "area": "Kelapa Lima", "story_public": "y"}).get_data(as_text=True)
    link = re.search(r'id="set-password-link">([^<]+)<', page).group(1)
    path = link.removeprefix("http://localhost")
    client.post("/akun/keluar")

    # She opens the link and sets her password; she is then in her dashboard.
    assert "Selamat datang, Mama Yohana" in client.get(path).get_data(as_text=True)
    done = client.post(path, data={"password": "sambal-pedas-1", "confirm": "sambal-pedas-1"})
    assert done.headers["Location"].endswith("/penjual/")
    client.post("/akun/keluar")
    assert client.post("/akun/masuk", data={"login": "+6281338001122",
                                            "password": "sambal-pedas-1"}).status_code == 302

    # She edits her profile.
    saved = client.post("/penjual/toko", data={
        "name": "Sambal Mama Yohana", "story": "Saya membuat sambal sejak 2010.",
        "area": "Oebobo", "whatsapp": "0813 3800 1122", "pickup_address": "Jl. Sumba 7, Oebobo",
        "photo": (io.BytesIO(photo_jpeg(900, 900)), "saya.jpg")}, content_type="multipart/form-data")
    assert saved.status_code == 302
    shop = db.session.scalar(sa.select(Shop))
    assert (shop.story, shop.area, shop.whatsapp, shop.pickup_address) == (
        "Saya membuat sambal sejak 2010.", "Oebobo", "+6281338001122", "Jl. Sumba 7, Oebobo")
    assert shop.photo_key

    # She lists a food product with two photos.
    form = client.get(f"/penjual/produk/baru?kategori={food.id}").get_data(as_text=True)
    assert 'name="halal_status"' in form and 'name="material"' not in form
    assert 'accept="image/*"' in form
    created = client.post(f"/penjual/produk/baru?kategori={food.id}", data={
        "name": "Sambal Lu'at 200 g", "description": "Sambal khas Timor, pedas dan segar.",
        "price": "25.000", "stock": "12", "halal_status": "certified", "pirt_number": "P-IRT 123",
        "shelf_life_days": "14", "allergens": "",
        "photos": [(io.BytesIO(photo_jpeg(1600, 1200)), "satu.jpg"),
                   (io.BytesIO(photo_jpeg(1200, 1600, colour=(30, 140, 60))), "dua.jpg")],
    }, content_type="multipart/form-data")
    assert created.status_code == 302
    product = db.session.scalar(sa.select(Product))
    assert (product.price, product.stock, product.halal_status, product.status) == (
        25000, 12, HalalStatus.CERTIFIED, ListingStatus.DRAFT)
    assert [p.position for p in product.photos] == [0, 1]
    for photo in product.photos:
        for size in ("thumb", "card", "full"):
            assert storage().exists(file_name(photo.key, size))

    # She submits it; her list now says "pending review".
    assert client.post(f"/penjual/produk/{product.id}/kirim").status_code == 302
    db.session.expire_all()
    assert db.session.get(Product, product.id).status == ListingStatus.PENDING_REVIEW
    listing = client.get("/penjual/produk").get_data(as_text=True)
    assert "Sambal Lu&#39;at 200 g" in listing
    assert "Menunggu pemeriksaan" in listing
