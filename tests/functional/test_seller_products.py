"""The seller's product form, list, stock, status and profile."""
import pytest
import sqlalchemy as sa

from storefront.catalog.models import CategoryKind, Product
from storefront.domain.listing import ListingStatus
from storefront.extensions import db
from storefront.shops.models import Shop


def _form(**extra) -> dict:
    return {"name": "Kue Lapis", "description": "Kue lapis legit.", "price": "25.000",
            "stock": "5", "halal_status": "certified", **extra}


def test_choose_the_category_first(client, seller, make_category):
    food = make_category(CategoryKind.FOOD)
    craft = make_category(CategoryKind.CRAFT)
    db.session.commit()
    chooser = client.get("/penjual/produk/baru").get_data(as_text=True)
    assert f"kategori={food.id}" in chooser and f"kategori={craft.id}" in chooser
    food_form = client.get(f"/penjual/produk/baru?kategori={food.id}").get_data(as_text=True)
    craft_form = client.get(f"/penjual/produk/baru?kategori={craft.id}").get_data(as_text=True)
    assert 'name="pirt_number"' in food_form and 'name="material"' not in food_form
    assert 'name="material"' in craft_form and 'name="halal_status"' not in craft_form
    assert client.get("/penjual/produk/baru?kategori=99999").status_code == 404


@pytest.mark.parametrize(("typed", "message"), [
    ("", "Tulis harganya, contoh: 25.000."),
    ("25.000,50", "Rupiah tidak memakai sen."),
    ("dua puluh", "dengan angka saja"),
    ("100", "harga paling rendah Rp 500"),
    ("1.000.000.000", "harga paling tinggi Rp 100.000.000"),
])
def test_price_errors_say_what_to_do(client, seller, make_category, typed, message):
    food = make_category(CategoryKind.FOOD)
    db.session.commit()
    response = client.post(f"/penjual/produk/baru?kategori={food.id}", data=_form(price=typed))
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Product.id))) == 0


@pytest.mark.parametrize(("typed", "rupiah"), [("25.000", 25000), ("Rp 25.000", 25000),
                                                ("25000", 25000), ("1 250 000", 1250000)])
def test_price_with_separators(client, seller, make_category, typed, rupiah):
    food = make_category(CategoryKind.FOOD)
    db.session.commit()
    assert client.post(f"/penjual/produk/baru?kategori={food.id}",
                       data=_form(price=typed)).status_code == 302
    assert db.session.scalar(sa.select(Product.price)) == rupiah


def test_made_to_order_takes_lead_days_and_capacity_instead_of_stock(client, seller, make_category):
    craft = make_category(CategoryKind.CRAFT)
    db.session.commit()
    url = f"/penjual/produk/baru?kategori={craft.id}"
    missing = client.post(url, data={"name": "Sarung Tenun", "description": "Ikat.",
                                     "price": "450.000", "made_to_order": "y", "stock": "4"})
    html = missing.get_data(as_text=True)
    assert "Tulis berapa hari Ibu perlu untuk membuatnya." in html
    assert "Tulis berapa banyak yang bisa Ibu buat dalam satu hari." in html
    ok = client.post(url, data={"name": "Sarung Tenun", "description": "Ikat.", "price": "450.000",
                                "made_to_order": "y", "stock": "4", "lead_days": "14",
                                "daily_capacity": "1", "material": "benang kapas"})
    assert ok.status_code == 302
    product = db.session.scalar(sa.select(Product))
    assert (product.made_to_order, product.stock, product.lead_days, product.daily_capacity,
            product.material, product.halal_status) == (True, None, 14, 1, "benang kapas", None)
    no_stock = client.post(f"/penjual/produk/baru?kategori={craft.id}",
                           data={"name": "Tas", "description": "x", "price": "10.000"})
    assert "Tulis berapa yang siap dijual" in no_stock.get_data(as_text=True)


def test_stock_in_one_tap_never_needs_review(client, seller, make_product):
    product = make_product(shop=seller, stock=5, status=ListingStatus.APPROVED)
    db.session.commit()
    url = f"/penjual/produk/{product.id}/stok"
    client.post(url, data={"step": "1"})
    client.post(url, data={"step": "-1"})
    client.post(url, data={"step": "-1"})
    db.session.expire_all()
    assert db.session.get(Product, product.id).stock == 4
    client.post(url, data={"stock": "0"})
    db.session.expire_all()
    saved = db.session.get(Product, product.id)
    assert (saved.stock, saved.status) == (0, ListingStatus.APPROVED)
    client.post(url, data={"step": "-1"})
    assert db.session.get(Product, product.id).stock == 0
    bad = client.post(url, data={"stock": "-4"}, follow_redirects=True)
    assert "Stok harus angka antara 0 dan 9999." in bad.get_data(as_text=True)
    listing = client.get("/penjual/produk").get_data(as_text=True)
    assert f'id="stock-{product.id}"' in listing


def test_editing_reviewed_facts_of_an_approved_product_sends_it_back(client, seller, make_product):
    product = make_product(shop=seller, status=ListingStatus.APPROVED, price=25000, stock=5)
    db.session.commit()
    url = f"/penjual/produk/{product.id}/ubah"
    page = client.get(url).get_data(as_text=True)
    assert 'value="25.000"' in page
    same = client.post(url, data=_form(name=product.name, description=product.description,
                                       price="25.000", stock="9"), follow_redirects=True)
    assert "Tersimpan." in same.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Product, product.id).status == ListingStatus.APPROVED
    changed = client.post(url, data=_form(name=product.name, description=product.description,
                                          price="30.000", stock="9"), follow_redirects=True)
    assert "Staf akan memeriksa perubahan" in changed.get_data(as_text=True)
    db.session.expire_all()
    saved = db.session.get(Product, product.id)
    assert (saved.price, saved.status) == (30000, ListingStatus.PENDING_REVIEW)


def test_status_and_staff_reason_show_and_she_can_resubmit(client, seller, make_product):
    product = make_product(shop=seller, status=ListingStatus.CHANGES_REQUESTED,
                           review_reason="Fotonya terlalu gelap.")
    db.session.commit()
    listing = client.get("/penjual/produk").get_data(as_text=True)
    assert "Perlu diperbaiki" in listing
    assert "Fotonya terlalu gelap." in listing
    client.post(f"/penjual/produk/{product.id}/kirim")
    db.session.expire_all()
    assert db.session.get(Product, product.id).status == ListingStatus.PENDING_REVIEW
    again = client.post(f"/penjual/produk/{product.id}/kirim", follow_redirects=True)
    assert "tidak bisa dilakukan sekarang" in again.get_data(as_text=True)


def test_duplicate_archive_and_restore(client, seller, make_product):
    product = make_product(shop=seller, status=ListingStatus.APPROVED, name="Abon Ikan")
    db.session.commit()
    copied = client.post(f"/penjual/produk/{product.id}/salin")
    copy = db.session.scalar(sa.select(Product).where(Product.id != product.id))
    assert copied.headers["Location"].endswith(f"/penjual/produk/{copy.id}/ubah")
    assert (copy.name, copy.status, copy.price, copy.shop_id) == (
        "Abon Ikan (2)", ListingStatus.DRAFT, product.price, seller.id)
    assert copy.halal_status == product.halal_status and copy.slug != product.slug
    client.post(f"/penjual/produk/{product.id}/arsip")
    db.session.expire_all()
    assert db.session.get(Product, product.id).status == ListingStatus.ARCHIVED
    client.post(f"/penjual/produk/{product.id}/pulihkan")
    db.session.expire_all()
    assert db.session.get(Product, product.id).status == ListingStatus.DRAFT


def test_profile_holiday_switch_and_bad_whatsapp(client, seller):
    data = {"name": "Toko Baru", "story": "Cerita.", "area": "Alak", "whatsapp": "0812 abc",
            "pickup_address": "Jl. Timor", "on_holiday": "y"}
    bad = client.post("/penjual/toko", data=data)
    assert "Nomor HP ini sepertinya salah" in bad.get_data(as_text=True)
    assert 'value="Toko Baru"' in bad.get_data(as_text=True)
    client.post("/penjual/toko", data={**data, "whatsapp": "+62 812 0000 1111"})
    shop = db.session.get(Shop, seller.id)
    db.session.refresh(shop)
    assert (shop.on_holiday, shop.whatsapp, shop.area, shop.takes_orders) == (
        True, "+6281200001111", "Alak", False)
    assert "Mode libur sedang aktif" in client.get("/penjual/").get_data(as_text=True)
    unknown = client.post("/penjual/toko", data={**data, "area": "Bali"})
    assert unknown.status_code == 200


def test_holiday_mode_never_sends_products_to_review(client, seller, make_product):
    product = make_product(shop=seller, status=ListingStatus.APPROVED)
    db.session.commit()
    client.post("/penjual/toko", data={"name": seller.name, "area": "Oebobo", "on_holiday": "y"})
    db.session.expire_all()
    assert db.session.get(Shop, seller.id).on_holiday is True
    assert db.session.get(Product, product.id).status == ListingStatus.APPROVED


def test_changing_the_category_kind_drops_the_other_kinds_facts(client, seller, make_product,
                                                                make_category):
    product = make_product(shop=seller, status=ListingStatus.APPROVED, allergens="kacang")
    craft = make_category(CategoryKind.CRAFT)
    db.session.commit()
    chooser = client.get(f"/penjual/produk/{product.id}/ubah?kategori=pilih").get_data(as_text=True)
    assert f"/penjual/produk/{product.id}/ubah?kategori={craft.id}" in chooser
    client.post(f"/penjual/produk/{product.id}/ubah?kategori={craft.id}", data={
        "name": product.name, "description": product.description, "price": "25.000",
        "stock": "5", "material": "lontar"})
    db.session.expire_all()
    saved = db.session.get(Product, product.id)
    assert (saved.category_id, saved.material, saved.allergens, saved.halal_status, saved.status) == (
        craft.id, "lontar", "", None, ListingStatus.PENDING_REVIEW)


def test_the_product_list_takes_the_same_queries_for_many_products(client, seller, make_product,
                                                                   count_queries):
    from storefront.catalog.models import ProductPhoto

    def add(n):
        for _ in range(n):
            product = make_product(shop=seller)
            db.session.add(ProductPhoto(product_id=product.id, key="k", width=1, height=1))
        db.session.commit()

    add(2)
    with count_queries() as few:
        assert client.get("/penjual/produk").status_code == 200
    add(8)
    with count_queries() as many:
        assert client.get("/penjual/produk").status_code == 200
    assert many() == few()
