"""Issue 18, first-time phone users: what the server sends for each point."""
from __future__ import annotations

import io
import re
from datetime import datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from storefront.extensions import db

# --- 3. prices never wrap -------------------------------------------------------------------

def test_every_price_is_a_span_that_never_wraps(client, make_product):
    product = make_product(price=225000)
    db.session.commit()
    html = client.get(f"/produk/{product.slug}").get_data(as_text=True)
    assert '<span class="rp">Rp 225.000</span>' in html
    # the meta description carries the plain price, no markup inside an attribute
    assert 'content="Rp 225.000 · ' in html
    css = client.get("/static/css/site.css").get_data(as_text=True)
    assert ".rp{white-space:nowrap}" in css


# --- 2. phone fields open the number pad; names and addresses autofill ------------------------

def _forms():
    from storefront.accounts.forms import LoginForm, RegisterForm
    from storefront.checkout.forms import CheckoutForm
    from storefront.hampers.forms import BuyHamperForm
    from storefront.onboarding.forms import NewLinkForm, NewSellerForm
    from storefront.seller.forms import ProfileForm

    return {"checkout": CheckoutForm, "hamper": BuyHamperForm, "register": RegisterForm,
            "profile": ProfileForm, "new_seller": NewSellerForm, "new_link": NewLinkForm,
            "login": LoginForm}


@pytest.mark.parametrize(("form", "field", "expected"), [
    ("checkout", "phone", {"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
    ("checkout", "name", {"autocomplete": "name"}),
    ("checkout", "address", {"autocomplete": "street-address"}),
    ("hamper", "phone", {"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
    ("register", "phone", {"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
    ("register", "name", {"autocomplete": "name"}),
    ("profile", "whatsapp", {"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
    ("profile", "pickup_address", {"autocomplete": "street-address"}),
    # staff type someone else's number: the number pad, but not staff's own number offered
    ("new_seller", "phone", {"type": "tel", "inputmode": "tel", "autocomplete": "off"}),
    ("new_link", "phone", {"type": "tel", "inputmode": "tel", "autocomplete": "off"}),
    ("login", "login", {"autocomplete": "username"}),
])
def test_fields_carry_keyboard_and_autofill_hints(app, form, field, expected):
    with app.test_request_context("/"):
        html = str(getattr(_forms()[form](meta={"csrf": False}), field)())
    for name, value in expected.items():
        assert f'{name}="{value}"' in html, html


def test_the_register_page_asks_for_a_tel_number(client):
    html = client.get("/akun/daftar").get_data(as_text=True)
    tag = re.search(r'<input[^>]*id="phone"[^>]*>', html).group(0)
    assert 'type="tel"' in tag and 'inputmode="tel"' in tag


# --- 9. Indonesian first; English plurals ---------------------------------------------------

@pytest.mark.parametrize(("header", "lang"), [
    ("en-ID,en;q=0.9", "id"), ("id", "id"), ("en-US,en;q=0.9", "en"), ("en", "en")])
def test_accept_language_gives_indonesian_unless_only_english_is_asked(client, header, lang):
    html = client.get("/", headers={"Accept-Language": header}).get_data(as_text=True)
    assert f'<html lang="{lang}">' in html


def test_the_switch_still_gives_english_in_indonesia(client):
    client.get("/bahasa/en?next=/")
    html = client.get("/", headers={"Accept-Language": "en-ID,en;q=0.9"}).get_data(as_text=True)
    assert '<html lang="en">' in html


@pytest.mark.parametrize(("days", "text"), [(1, "ready 1 day after"), (3, "ready 3 days after")])
def test_english_plurals_on_made_to_order(client, make_product, days, text):
    product = make_product(made_to_order=True, lead_days=days)
    db.session.commit()
    english = client.get(f"/produk/{product.slug}", headers={"Accept-Language": "en"})
    assert text in english.get_data(as_text=True)
    indonesian = client.get(f"/produk/{product.slug}").get_data(as_text=True)
    assert f"siap {days} hari setelah" in indonesian


# --- 12. one money field for every rupiah input ----------------------------------------------

TYPED = ["100.000", "Rp 100.000", "100000"]


@pytest.mark.parametrize("typed", TYPED)
def test_payout_amount_reads_dots_and_rp(client, login, make_staff, make_shop, make_order, typed):
    from storefront.ledger import services as ledger
    from storefront.ledger.models import Payout

    shop = make_shop()
    ledger.record_sale(shop.id, make_order(shop=shop).parts[0].id, 150_000)
    staff = make_staff(permissions="finance")  # recording a payout is finance-only
    login(staff)
    reply = client.post(f"/staf/pembayaran/toko/{shop.id}/payout",
                        data={"amount": typed, "bank_reference": "BNTT-1"})
    assert reply.status_code == 302
    assert db.session.scalar(sa.select(Payout.amount)) == 100_000


def test_unreadable_amount_says_how_to_write_it(client, login, make_staff, make_shop):
    shop = make_shop()
    login(make_staff(permissions="finance"))
    reply = client.post(f"/staf/pembayaran/toko/{shop.id}/payout",
                        data={"amount": "seratus ribu", "bank_reference": "BNTT-1"})
    assert reply.status_code == 400
    html = reply.get_data(as_text=True)
    assert "Rp 63.000" in html and 'value="seratus ribu"' in html


@pytest.mark.parametrize("typed", TYPED)
def test_hamper_price_and_shares_read_dots_and_rp(client, login, make_staff, make_product,
                                                  make_pickup_point, make_seller, typed):
    from storefront.hampers.models import Hamper

    a, b = make_product(shop=make_seller()), make_product(shop=make_seller())
    point = make_pickup_point()
    login(make_staff())
    data = {"name": "Hamper Uji", "price": typed, "point_id": str(point.id),
            "product-0": str(a.id), "qty-0": "1", "share-0": "Rp 40.000",
            "product-1": str(b.id), "qty-1": "2", "share-1": "30.000"}
    assert client.post("/staf/hampers/", data=data).status_code == 302
    assert db.session.scalar(sa.select(Hamper.price)) == 100_000


@pytest.mark.parametrize("typed", TYPED)
def test_delivery_fee_reads_dots_and_rp(client, seller, typed):
    from storefront.delivery.models import DeliveryFee

    assert client.post("/penjual/ongkir/", data={"fee-Oebobo": typed}).status_code == 302
    assert db.session.scalar(sa.select(DeliveryFee.fee)) == 100_000


# --- 13. a HEIC photo is accepted as promised -------------------------------------------------

def test_a_heic_photo_from_an_iphone_becomes_the_product_photo(client, seller, make_category):
    from storefront.catalog.models import Product, ProductPhoto
    from tests.support import images

    data = images.photo_heic()
    assert data[4:12] == b"ftypheic"
    category = make_category()
    db.session.commit()
    response = client.post(f"/penjual/produk/baru?kategori={category.id}", data={
        "name": "Kue Lapis", "description": "Manis.", "price": "25.000", "stock": "3",
        "photos": [(io.BytesIO(data), "IMG_0001.HEIC")]}, content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    product = db.session.scalar(sa.select(Product))
    assert product and db.session.scalar(sa.select(sa.func.count(ProductPhoto.id))) == 1


# --- 7. holiday mode says why and until when ---------------------------------------------------

def test_a_product_in_holiday_mode_says_until_when(client, make_product, make_shop):
    from datetime import date

    shop = make_shop()
    shop.on_holiday, shop.holiday_until = True, date(2026, 12, 27)
    product = make_product(shop=shop, stock=50)
    db.session.commit()
    html = client.get(f"/produk/{product.slug}").get_data(as_text=True)
    assert "Toko sedang libur sampai 27 Desember 2026" in html
    assert "sisa 50" not in html and "Masukkan ke keranjang" not in html
    assert "Toko sedang libur sampai 27 Desember 2026" in client.get(f"/toko/{shop.slug}").get_data(
        as_text=True)
    shop.holiday_until = None
    db.session.commit()
    assert "Toko sedang libur, jadi belum bisa dipesan" in client.get(
        f"/produk/{product.slug}").get_data(as_text=True)


def test_the_seller_sets_her_holiday_end(client, seller):
    data = {"name": seller.name, "area": seller.area, "on_holiday": "y", "holiday_until": "2026-12-27"}
    assert client.post("/penjual/toko", data=data).status_code == 302
    db.session.expire_all()
    assert str(db.session.get(type(seller), seller.id).holiday_until) == "2026-12-27"


# --- 8. wanted dates at most 60 days ahead ------------------------------------------------------

def test_a_wanted_date_years_ahead_is_refused(client, make_shop, make_product):
    from storefront import clock
    from storefront.models import Order

    clock.freeze(datetime(2026, 12, 1, 3, 0))  # UTC, naive like clock.now()
    shop = make_shop(name="Dapur Mama Ana")
    kue = make_product(shop=shop, made_to_order=True, lead_days=2, daily_capacity=4)
    db.session.commit()
    client.post("/keranjang/tambah", data={"product_id": str(kue.id), "quantity": "1"})
    data = {"name": "Ibu Maria", "phone": "0813 9999 0000", "payment_method": "cash",
            f"date-{shop.id}": "2030-12-01"}
    response = client.post("/pesan/", data=data)
    assert response.status_code == 200
    assert "pilih hari antara 3 Desember 2026 dan 30 Januari 2027" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Order)) == 0
    data[f"date-{shop.id}"] = "2027-01-30"
    assert client.post("/pesan/", data=data).status_code == 302


# --- 15. the audit log speaks Indonesian ----------------------------------------------------------

def _audit_codes() -> set[str]:
    """Every fixed audit code the source records (``record(actor, "x.y", …)`` and ``audit_now``)."""
    root = Path(__file__).resolve().parents[2] / "storefront"
    codes = set()
    for path in root.rglob("*.py"):
        text = path.read_text()
        codes |= set(re.findall(
            r'(?:record\(\s*[^,()]*(?:\([^)]*\))?,|audit_now\()\s*"([a-z_]+\.[a-z_]+)"', text))
    return codes


def test_every_audit_code_has_a_human_label():
    from storefront.curation.labels import ACTION_LABELS

    codes = _audit_codes()
    assert {"hamper.save", "payout.request", "assist.start", "seller.invite"} <= codes
    assert codes - set(ACTION_LABELS) == set()


def test_the_audit_page_shows_labels_not_codes(client, login, make_staff):
    from storefront.audit.services import record

    staff = make_staff()
    record(staff, "hamper.save")
    record(staff, "assist.seller.profile")
    login(staff)
    html = client.get("/staf/audit").get_data(as_text=True)
    assert "Hampers disimpan" in html and "hamper.save" not in html
    assert "Perubahan oleh pendamping (seller.profile)" in html


# --- 21. compression and a year of caching for fingerprinted static files -------------------------

def test_pages_are_compressed_when_the_browser_asks(client, make_product):
    import gzip

    make_product(description="Sambal lu'at khas Kupang. " * 40)
    db.session.commit()
    plain = client.get("/")
    assert plain.headers.get("Content-Encoding") is None
    packed = client.get("/", headers={"Accept-Encoding": "gzip"})
    assert packed.headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed.headers["Vary"]
    assert gzip.decompress(packed.data) == plain.data
    assert client.get("/", headers={"Accept-Encoding": "br"}).headers["Content-Encoding"] == "br"
    feed = client.get("/feed/produk.csv", headers={"Accept-Encoding": "gzip"})
    assert feed.mimetype == "text/csv" and feed.headers["Content-Encoding"] == "gzip"
    css = re.search(r'href="(/static/css/site\.css\?v=[0-9a-f]{10})"', plain.get_data(as_text=True))
    styles = client.get(css.group(1), headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
    assert styles.headers["Content-Encoding"] in ("br", "zstd")


def test_fingerprinted_static_files_are_kept_a_year(client):
    html = client.get("/").get_data(as_text=True)
    url = re.search(r'href="(/static/css/site\.css\?v=[0-9a-f]{10})"', html).group(1)
    fresh = client.get(url)
    assert fresh.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    for stale in ("/static/css/site.css", "/static/css/site.css?v=0000000000"):
        assert "immutable" not in client.get(stale).headers["Cache-Control"]


# --- 22. favicon.ico, robots.txt, sitemap.xml ---------------------------------------------------

def test_favicon_robots_and_sitemap(client, make_product, make_shop, make_collection):
    from storefront.domain.listing import ListingStatus
    from storefront.shops.models import ShopStatus

    product = make_product()
    draft = make_product(status=ListingStatus.DRAFT)
    closed = make_shop()
    closed.status = ShopStatus.SUSPENDED
    hidden = make_product(shop=closed)
    collection = make_collection(products=[product])
    db.session.commit()
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.data[:4] == b"\x00\x00\x01\x00"
    robots = client.get("/robots.txt").get_data(as_text=True)
    for prefix in ("/penjual", "/staf", "/pesanan", "/bayar"):
        assert f"Disallow: {prefix}\n" in robots
    assert "Sitemap: http://localhost/sitemap.xml" in robots
    reply = client.get("/sitemap.xml")
    assert reply.mimetype == "application/xml"
    xml = reply.get_data(as_text=True)
    for path in (f"/produk/{product.slug}", f"/toko/{product.shop.slug}",
                 f"/kategori/{product.category.slug}", f"/koleksi/{collection.slug}", "/hari-ibu",
                 "/toko/"):
        assert f"<loc>http://localhost{path}</loc>" in xml, path
    for path in (f"/produk/{draft.slug}", f"/produk/{hidden.slug}", f"/toko/{closed.slug}"):
        assert f"{path}<" not in xml, path


# --- 23. the list of shops ------------------------------------------------------------------------

def test_the_shop_list_shows_what_she_makes_and_her_story_only_with_consent(client, make_shop,
                                                                            make_product):
    from storefront.shops.models import ShopStatus

    open_story = make_shop(name="Dapur Mama Ana")
    open_story.story, open_story.story_public = "Saya membuat kue sejak 1998.\nLalu...", True
    private = make_shop(name="Tenun Mama Bea")
    private.story, private.story_public = "Cerita pribadi yang tidak boleh tampil.", False
    suspended = make_shop(name="Toko Ditutup")
    suspended.status = ShopStatus.SUSPENDED
    product = make_product(shop=open_story)
    db.session.commit()
    html = client.get("/toko/").get_data(as_text=True)
    assert "Dapur Mama Ana" in html and "Tenun Mama Bea" in html and "Toko Ditutup" not in html
    assert "Saya membuat kue sejak 1998." in html and "Lalu" not in html
    assert "Cerita pribadi" not in html
    assert product.category.name_id in html
    assert f'href="/toko/{open_story.slug}"' in html
    home = client.get("/").get_data(as_text=True)
    assert 'href="/toko/"' in home
    assert f'<a class="card-shop" href="/toko/{open_story.slug}">Dapur Mama Ana</a>' in home


# --- 6. Hari Ibu in front during the season; the demo seeds it ------------------------------------

@pytest.mark.parametrize(("day", "shown"), [
    (datetime(2026, 11, 30, 4, 0), False), (datetime(2026, 12, 1, 4, 0), True),
    (datetime(2026, 12, 22, 4, 0), True), (datetime(2026, 12, 23, 4, 0), False)])
def test_the_season_puts_hari_ibu_on_the_home_page_and_header(client, day, shown):
    from storefront import clock

    clock.freeze(day)
    html = client.get("/").get_data(as_text=True)
    assert ('class="season-banner"' in html) is shown
    assert ('class="wrap season-nav"' in html) is shown
    if shown:
        assert "Pesan paling lambat" in html or "sudah lewat" in html
        assert 'href="/hampers/"' in html and 'href="/titik-ambil/"' in html


def test_the_demo_seeds_the_collection_a_three_seller_hamper_and_two_points(client):
    from storefront import clock
    from storefront.curation.models import Collection
    from storefront.demo.seed import seed_demo
    from storefront.hampers.models import Hamper
    from storefront.pickup.models import PickupPoint

    clock.freeze(datetime(2026, 12, 5, 4, 0))
    seed_demo()
    db.session.commit()
    collection = db.session.scalar(sa.select(Collection).where(Collection.slug == "hadiah-hari-ibu"))
    assert collection.products and (str(collection.starts_on), str(collection.ends_on)) == (
        "2026-12-01", "2026-12-22")
    hamper = db.session.scalar(sa.select(Hamper))
    assert len({c.product.shop_id for c in hamper.components}) == 3
    assert db.session.scalar(sa.select(sa.func.count(PickupPoint.id))) == 2
    assert hamper.name in client.get("/hampers/").get_data(as_text=True)
    assert "Posko Women Care Day Oebobo" in client.get("/titik-ambil/").get_data(as_text=True)
    assert "Hadiah Hari Ibu" in client.get("/").get_data(as_text=True)
    assert seed_demo() is False  # a second run adds nothing


# --- 14. the hamper form keeps her choices on an error -------------------------------------------

def test_hamper_form_keeps_products_and_shares_after_an_error(client, login, make_staff, make_product,
                                                             make_pickup_point, make_seller):
    a, b = make_product(shop=make_seller()), make_product(shop=make_seller())
    point = make_pickup_point()
    login(make_staff())
    data = {"name": "Hamper Uji", "price": "100.000", "point_id": str(point.id),
            "product-0": str(a.id), "qty-0": "1", "share-0": "Rp 40.000",
            "product-1": str(b.id), "qty-1": "2", "share-1": "20.000"}
    reply = client.post("/staf/hampers/", data=data)
    assert reply.status_code == 422
    html = reply.get_data(as_text=True)
    assert f'<option value="{a.id}" selected>' in html and f'<option value="{b.id}" selected>' in html
    assert 'value="Rp 40.000"' in html and 'value="20.000"' in html and 'id="qty-1" name="qty-1"' in html
    assert re.search(r'id="qty-1" name="qty-1" inputmode="numeric" value="2"', html)


# --- 19. the review preview's add-to-cart is inert -------------------------------------------------

def test_the_review_preview_cannot_add_to_the_cart(client, login, make_staff, make_product):
    from storefront import clock
    from storefront.domain.listing import ListingStatus

    product = make_product(status=ListingStatus.PENDING_REVIEW, submitted_at=clock.now(),
                           pirt_number="P-IRT 1", shelf_life_days=5)
    login(make_staff())
    html = client.get(f"/staf/tinjauan/{product.id}").get_data(as_text=True)
    preview = html.split('<div class="preview">')[1]
    assert "/keranjang/tambah" not in preview
    assert 'type="button" disabled' in preview and "Pratinjau" in preview


# --- 1. checkout errors are summarised at the top -------------------------------------------------

def test_an_empty_checkout_gets_a_summary_and_a_title_that_says_so(client, make_product):
    product = make_product()
    db.session.commit()
    client.post("/keranjang/tambah", data={"product_id": str(product.id), "quantity": "1"})
    html = client.post("/pesan/", data={"payment_method": "cash"}).get_data(as_text=True)
    assert "(ada kesalahan) · Pasar Ibu</title>" in html
    summary = html.split('id="error-summary"')[1].split("</div>")[0]
    assert 'role="alert"' in summary and "autofocus" in summary
    assert '<a href="#name">' in summary and '<a href="#phone">' in summary
    assert html.index('id="error-summary"') < html.index('<form method="post" class="form"')


# --- 4. choosing a kecamatan never silently gives pickup ------------------------------------------

def test_a_new_kecamatan_shows_the_fees_before_checkout(client, make_product, make_shop,
                                                       make_delivery_fee):
    shop = make_shop()
    product = make_product(shop=shop)
    make_delivery_fee(shop, "Oebobo", 10000)
    db.session.commit()
    client.post("/keranjang/tambah", data={"product_id": str(product.id), "quantity": "1"})
    first = client.post("/keranjang/ubah", data={"area": "Oebobo", "next": "checkout",
                                                 f"mode-{shop.id}": "pickup"})
    assert first.status_code == 302 and "/keranjang/" in first.location
    page = client.get("/keranjang/").get_data(as_text=True)
    assert "Kecamatan Anda tersimpan" in page and 'value="delivery"' in page and "Rp 10.000" in page
    again = client.post("/keranjang/ubah", data={"area": "Oebobo", "next": "checkout",
                                                 f"mode-{shop.id}": "delivery"})
    assert again.location.endswith("/pesan/")
    assert "Lihat ongkos kirim" in page


# --- 5. the transfer deadline is written out in full ----------------------------------------------

def test_the_transfer_deadline_reads_as_a_date_and_time_in_wita(client, app, make_order):
    from storefront import clock
    from storefront.payments import services as payments
    from storefront.payments.models import PaymentMethod

    clock.freeze(datetime(2026, 12, 1, 14, 33))  # 22.33 WITA (UTC+8)
    make_order(id=78, total=63_000)
    app.config.update(PAYMENT_METHODS=("bank_transfer", "cash"), PAYMENT_BANK_ACCOUNT="0123456789",
                      TRANSFER_PAYMENT_HOURS=24)
    payment = payments.start_payment(78, 63_000, PaymentMethod.BANK_TRANSFER, description="#78")
    db.session.commit()
    html = client.get(f"/bayar/{payment.token}").get_data(as_text=True)
    assert "2 Desember 2026 pukul 22.33 WITA" in html
