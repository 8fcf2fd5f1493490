"""Suspending a shop hides it everywhere at once; reinstating brings it back. Staff picks."""
import sqlalchemy as sa

from storefront.audit.models import AuditEntry
from storefront.extensions import db
from storefront.notifications.models import Notification
from storefront.shops.models import Shop, ShopStatus


def _public_html(client, product, collection):
    return {
        "home": client.get("/").get_data(as_text=True),
        "category": client.get(f"/kategori/{product.category.slug}").get_data(as_text=True),
        "search": client.get("/cari?q=rahasiaunik").get_data(as_text=True),
        "collection": client.get(f"/koleksi/{collection.slug}").get_data(as_text=True),
        "hari-ibu": client.get("/hari-ibu").get_data(as_text=True),
    }


def test_suspend_hides_every_product_everywhere_and_reinstate_restores(
        client, login, make_staff, make_product, make_collection):
    """Acceptance 2."""
    staff = make_staff()
    product = make_product(name="Tenun Rahasiaunik Sumba", featured=True)
    other = make_product(name="Kue Rahasiaunik Tetangga", category=product.category)
    second = make_product(name="Selendang Rahasiaunik", shop=product.shop,
                          category=product.category)
    collection = make_collection(slug="hadiah-hari-ibu", products=[product, second, other])
    shop = product.shop
    db.session.commit()

    before = _public_html(client, product, collection)
    for page, html in before.items():
        assert product.name in html, page
    assert client.get(f"/produk/{second.slug}").status_code == 200

    login(staff)
    response = client.post(f"/staf/toko/{shop.id}/tangguhkan",
                           data={"reason": "Laporan pembeli tentang kemasan"})
    assert response.status_code == 302
    assert "wa.me" in client.get(response.location).get_data(as_text=True)
    client.post("/akun/keluar")

    during = _public_html(client, product, collection)
    for page, html in during.items():
        assert product.name not in html and second.name not in html, page
        if page != "home":
            assert other.name in html, page  # only her shop is hidden
    for slug in (product.slug, second.slug):
        assert client.get(f"/produk/{slug}").status_code == 404
    assert client.get(f"/toko/{shop.slug}").status_code == 404
    db.session.expire_all()
    assert not db.session.get(Shop, shop.id).takes_orders  # orders paused

    login(staff)
    assert client.post(f"/staf/toko/{shop.id}/aktifkan", data={}).status_code == 302
    client.post("/akun/keluar")
    after = _public_html(client, product, collection)
    for page, html in after.items():
        assert product.name in html, page
    assert client.get(f"/produk/{second.slug}").status_code == 200

    actions = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.shop_id == shop.id)
                                 .order_by(AuditEntry.id)).all()
    assert [(a.action, a.actor_id) for a in actions] == [("shop.suspend", staff.id),
                                                         ("shop.reinstate", staff.id)]
    assert actions[0].reason == "Laporan pembeli tentang kemasan"
    notes = db.session.scalars(sa.select(Notification.text).where(
        Notification.user_id == shop.owner_id)).all()
    assert len(notes) == 2 and "Laporan pembeli tentang kemasan" in notes[0]


def test_suspend_needs_a_reason_and_cannot_repeat(client, login, make_staff, make_shop):
    staff = make_staff()
    shop = make_shop()
    db.session.commit()
    login(staff)
    html = client.post(f"/staf/toko/{shop.id}/tangguhkan", data={"reason": ""},
                       follow_redirects=True).get_data(as_text=True)
    assert "Tulis alasan toko dihentikan" in html
    db.session.expire_all()
    assert db.session.get(Shop, shop.id).status == ShopStatus.ACTIVE
    client.post(f"/staf/toko/{shop.id}/tangguhkan", data={"reason": "Alasan yang jelas"})
    again = client.post(f"/staf/toko/{shop.id}/tangguhkan", data={"reason": "Alasan kedua"},
                        follow_redirects=True)
    assert "Toko ini sudah dihentikan" in again.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(AuditEntry.id))) == 1
    assert client.post("/staf/toko/999999/tangguhkan", data={"reason": "xxxxxx"}).status_code == 404


def test_sellers_list_shows_each_status(client, login, make_staff, make_shop):
    staff = make_staff()
    make_shop(name="Toko Buka Satu")
    make_shop(name="Toko Tutup Dua", status=ShopStatus.SUSPENDED)
    db.session.commit()
    login(staff)
    html = client.get("/staf/toko").get_data(as_text=True)
    assert "Toko Buka Satu" in html and "Toko Tutup Dua" in html
    assert "Dihentikan staf" in html and "Buka toko lagi" in html


def test_feature_toggle_shows_on_home_and_is_audited(client, login, make_staff, make_product):
    staff = make_staff()
    product = make_product(name="Sei Rahasiaunik Pilihan")
    db.session.commit()
    login(staff)
    assert product.name in client.get("/staf/produk?q=pilihan").get_data(as_text=True)
    picked = client.post(f"/staf/produk/{product.id}/unggulan", data={"featured": "1"},
                         follow_redirects=True)
    assert "sekarang jadi pilihan staf" in picked.get_data(as_text=True)
    home = client.get("/").get_data(as_text=True)
    assert "Pilihan staf" in home and home.index("Pilihan staf") < home.index(product.name)
    client.post(f"/staf/produk/{product.id}/unggulan", data={"featured": "0"})
    assert client.post(f"/staf/produk/{product.id}/unggulan",
                       data={"featured": "yes"}).status_code == 400
    assert "Pilihan staf" not in client.get("/").get_data(as_text=True)
    assert db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)).all() == [
        "product.feature", "product.unfeature"]
