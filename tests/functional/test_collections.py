"""Collections: on the home page and at /koleksi/<slug> while active; built by staff."""
from datetime import date, datetime

import sqlalchemy as sa

from storefront import clock
from storefront.audit.models import AuditEntry
from storefront.curation.models import Collection
from storefront.domain.listing import ListingStatus
from storefront.extensions import db
from storefront.shops.models import ShopStatus


def test_active_collection_shows_then_disappears_after_its_end_date(client, make_collection,
                                                                    make_product):
    """Acceptance 4, with the clock under control."""
    product = make_product(name="Kain Tenun Ikat Rote")
    hidden = make_product(name="Kue Belum Disetujui", status=ListingStatus.PENDING_REVIEW)
    make_collection(name="Tenun NTT", slug="tenun-ntt", banner="Kain tenun terbaik dari NTT.",
                    starts_on=date(2026, 12, 1), ends_on=date(2026, 12, 22),
                    products=[product, hidden])
    db.session.commit()

    clock.freeze(datetime(2026, 11, 30, 12))  # not started yet
    assert "Tenun NTT" not in client.get("/").get_data(as_text=True)
    assert client.get("/koleksi/tenun-ntt").status_code == 404

    clock.freeze(datetime(2026, 12, 22, 15))  # last day, 23:00 in Kupang
    home = client.get("/").get_data(as_text=True)
    assert "Tenun NTT" in home and "Kain tenun terbaik dari NTT." in home
    assert "/koleksi/tenun-ntt" in home
    page = client.get("/koleksi/tenun-ntt")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Kain Tenun Ikat Rote" in html
    assert "Kue Belum Disetujui" not in html  # only public products

    clock.freeze(datetime(2026, 12, 22, 16))  # 23 December in Kupang
    assert "Tenun NTT" not in client.get("/").get_data(as_text=True)
    assert client.get("/koleksi/tenun-ntt").status_code == 404
    assert client.get("/koleksi/tidak-ada").status_code == 404


def test_home_query_count_stays_flat_with_collections(client, count_queries, make_collection,
                                                      make_product):
    for _ in range(2):
        make_collection(products=[make_product(featured=True)])
    db.session.commit()
    with count_queries() as few:
        assert client.get("/").status_code == 200
    for _ in range(10):
        make_collection(products=[make_product(featured=True) for _ in range(3)])
    db.session.commit()
    with count_queries() as many:
        assert client.get("/").status_code == 200
    assert few() == many() and many() <= 6, (few(), many())


def test_staff_build_a_collection_and_end_before_start_is_refused(client, login, make_staff,
                                                                  make_product):
    staff = make_staff()
    product = make_product(name="Se'i Sapi Pilihan")
    suspended = make_product(name="Produk Toko Tutup")
    suspended.shop.status = ShopStatus.SUSPENDED
    db.session.commit()
    login(staff)

    bad = client.post("/staf/koleksi/", data={"name": "Hadiah Hari Ibu", "position": "1",
                                              "starts_on": "2026-12-10", "ends_on": "2026-12-01"})
    assert bad.status_code == 422
    assert "Hari terakhir tidak boleh sebelum hari pertama" in bad.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Collection.id))) == 0

    good = client.post("/staf/koleksi/", data={"name": "Hadiah Hari Ibu", "position": "1",
                                               "banner": "Untuk ibu tercinta.",
                                               "starts_on": "2026-12-01", "ends_on": "2026-12-22"})
    assert good.status_code == 302
    collection = db.session.scalar(sa.select(Collection))
    assert collection.slug == "hadiah-hari-ibu"

    edit = client.post(f"/staf/koleksi/{collection.id}",
                       data={"name": "Hadiah Hari Ibu", "slug": "hadiah-hari-ibu",
                             "position": "1", "starts_on": "2026-12-10", "ends_on": "2026-12-09"})
    assert edit.status_code == 422
    db.session.expire_all()
    assert db.session.get(Collection, collection.id).ends_on == date(2026, 12, 22)

    for item in (product, suspended):
        added = client.post(f"/staf/produk/{item.id}/koleksi",
                            data={"collection_id": collection.id}, follow_redirects=True)
        assert "sekarang ada di Hadiah Hari Ibu" in added.get_data(as_text=True)
    clock.freeze(datetime(2026, 12, 5, 2))
    html = client.get("/koleksi/hadiah-hari-ibu").get_data(as_text=True)
    assert "Se&#39;i Sapi Pilihan" in html and "Produk Toko Tutup" not in html
    client.post(f"/staf/koleksi/{collection.id}/produk/{product.id}/hapus", follow_redirects=True)
    assert "Pilihan" not in client.get("/koleksi/hadiah-hari-ibu").get_data(as_text=True)
    assert db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)).all() == [
        "collection.create", "collection.add_product", "collection.add_product",
        "collection.remove_product"]

    taken = client.post("/staf/koleksi/", data={"name": "Lain", "slug": "hadiah-hari-ibu",
                                                "position": "0"})
    assert taken.status_code == 422 and "sudah dipakai" in taken.get_data(as_text=True)


def test_database_refuses_end_before_start(app):
    import pytest

    db.session.add(Collection(name="X", slug="x", starts_on=date(2026, 12, 2),
                              ends_on=date(2026, 12, 1)))
    with pytest.raises(sa.exc.IntegrityError):
        db.session.flush()
    db.session.rollback()
