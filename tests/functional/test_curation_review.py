"""The review queue: the whole loop, stale decisions, food rules, the queue page."""
from datetime import datetime

import sqlalchemy as sa

from storefront import clock
from storefront.audit.models import AuditEntry
from storefront.catalog.listing_services import record_edit, submit_for_review
from storefront.catalog.models import CategoryKind, Product, ProductPhoto
from storefront.curation.models import ApprovedVersion
from storefront.domain.listing import ListingStatus
from storefront.extensions import db
from storefront.notifications.models import Notification


def _actions(product_id):
    return list(db.session.scalars(sa.select(AuditEntry.action).where(
        AuditEntry.product_id == product_id).order_by(AuditEntry.id)))


def _reload(product_id) -> Product:
    db.session.expire_all()
    return db.session.get(Product, product_id)


def _pending_food(make_product, **extra):
    values = {"pirt_number": "P-IRT 2065371010123", "shelf_life_days": 5} | extra
    return make_product(status=ListingStatus.PENDING_REVIEW, submitted_at=clock.now(), **values)


def test_review_loop_ends_public_with_audit_and_seller_notified(client, login, make_staff,
                                                                 make_product):
    """Acceptance 1: submit → changes requested → edit → re-submit → approve → public."""
    staff = make_staff(name="Ibu Staf Maria")
    product = make_product(status=ListingStatus.DRAFT, name="Kue Rambut Rahasiaunik",
                           pirt_number="P-IRT 1", shelf_life_days=7)
    seller = product.shop.owner
    db.session.commit()
    pid = product.id

    # the seller submits (seller dashboard lives on another branch: call the service)
    submit_for_review(product)
    db.session.commit()
    assert client.get(f"/produk/{product.slug}").status_code == 404

    login(staff)
    queue = client.get("/staf/tinjauan").get_data(as_text=True)
    assert "Kue Rambut Rahasiaunik" in queue
    page = client.get(f"/staf/tinjauan/{pid}").get_data(as_text=True)
    assert "Kue Rambut Rahasiaunik" in page and "P-IRT 1" in page  # as the buyer will see it
    revision = _reload(pid).revision

    reason = "Foto kurang terang, tolong foto ulang di siang hari"
    response = client.post(f"/staf/tinjauan/{pid}/minta-perubahan",
                           data={"revision": revision, "reason": reason})
    assert response.status_code == 302 and "kabar=" in response.location
    product = _reload(pid)
    assert product.status == ListingStatus.CHANGES_REQUESTED and product.review_reason == reason
    sent = client.get(response.location).get_data(as_text=True)
    assert "https://wa.me/" in sent  # staff get a ready WhatsApp link after acting

    # the seller edits and re-submits
    product.photos.append(ProductPhoto(key="products/baru", width=10, height=10))
    product.description = "Kue rambut renyah, foto baru."
    record_edit(product, {"photos", "description"})
    submit_for_review(product)
    db.session.commit()
    product = _reload(pid)
    assert product.status == ListingStatus.PENDING_REVIEW and product.revision > revision

    response = client.post(f"/staf/tinjauan/{pid}/setujui", data={"revision": product.revision})
    assert response.status_code == 302
    product = _reload(pid)
    assert product.status == ListingStatus.APPROVED
    assert client.get(f"/produk/{product.slug}").status_code == 200
    assert "Kue Rambut Rahasiaunik" in client.get("/cari?q=rahasiaunik").get_data(as_text=True)

    assert _actions(pid) == ["product.submit", "product.request_changes", "product.edit",
                             "product.submit", "product.approve"]
    staff_entries = db.session.scalars(sa.select(AuditEntry).where(
        AuditEntry.product_id == pid, AuditEntry.action.like("product.%e%"),
        AuditEntry.actor_id == staff.id)).all()
    assert {e.action for e in staff_entries} == {"product.request_changes", "product.approve"}
    assert any(e.reason == reason for e in staff_entries)
    assert db.session.scalar(sa.select(sa.func.count(ApprovedVersion.id))) == 1

    # the seller sees the reason and the outcome in her notifications
    notes = db.session.scalars(sa.select(Notification).where(Notification.user_id == seller.id)
                               .order_by(Notification.id)).all()
    assert len(notes) == 2
    assert reason in notes[0].text and notes[0].wa_link.startswith("https://wa.me/62")
    assert "disetujui" in notes[1].text
    login(seller)
    mine = client.get("/penjual/notifikasi/").get_data(as_text=True)
    assert reason in mine and "disetujui" in mine


def test_queue_is_oldest_first_and_shows_changes_since_approval(client, login, make_staff,
                                                                make_product):
    staff = make_staff()
    clock.freeze(datetime(2026, 11, 1, 8))
    newer = _pending_food(make_product, name="Sambal Baru")
    clock.freeze(datetime(2026, 10, 1, 8))
    older = _pending_food(make_product, name="Kue Lama", price=20000)
    clock.freeze(None)
    db.session.add(ApprovedVersion(product_id=older.id, revision=1, approved_by_id=staff.id,
                                   data={"name": "Kue Lama", "price": 15000, "photos": [],
                                         "description": older.description}))
    db.session.commit()
    login(staff)
    html = client.get("/staf/tinjauan").get_data(as_text=True)
    assert html.index("Kue Lama") < html.index("Sambal Baru")
    detail = client.get(f"/staf/tinjauan/{older.id}").get_data(as_text=True)
    assert "Rp 15.000" in detail and "Rp 20.000" in detail  # before and after
    first = client.get(f"/staf/tinjauan/{newer.id}").get_data(as_text=True)
    assert "Rp 15.000" not in first


def test_approving_a_product_no_longer_pending_is_refused(client, login, make_staff, make_product):
    staff = make_staff()
    product = make_product(status=ListingStatus.DRAFT)
    db.session.commit()
    login(staff)
    response = client.post(f"/staf/tinjauan/{product.id}/setujui",
                           data={"revision": product.revision}, follow_redirects=True)
    assert "tidak lagi menunggu tinjauan" in response.get_data(as_text=True)
    assert _reload(product.id).status == ListingStatus.DRAFT
    assert _actions(product.id) == []
    assert db.session.scalar(sa.select(sa.func.count(Notification.id))) == 0


def test_approving_after_the_seller_edited_is_refused_and_nothing_changes(client, login,
                                                                          make_staff, make_product):
    staff = make_staff()
    product = _pending_food(make_product)
    db.session.commit()
    login(staff)
    seen = client.get(f"/staf/tinjauan/{product.id}")
    assert seen.status_code == 200
    seen_revision = product.revision
    product.price = 99000  # the seller edits meanwhile
    db.session.commit()
    assert product.revision == seen_revision + 1
    stock_only = product.revision
    product.stock = 3  # not a reviewed fact: no new revision
    db.session.commit()
    assert product.revision == stock_only

    for url, data in [(f"/staf/tinjauan/{product.id}/setujui", {"revision": seen_revision}),
                      (f"/staf/tinjauan/{product.id}/minta-perubahan",
                       {"revision": seen_revision, "reason": "Harga terlalu tinggi"})]:
        response = client.post(url, data=data, follow_redirects=True)
        assert "mengubah produk ini setelah Anda membukanya" in response.get_data(as_text=True)
        assert _reload(product.id).status == ListingStatus.PENDING_REVIEW
    assert _actions(product.id) == []
    assert db.session.scalar(sa.select(sa.func.count(ApprovedVersion.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(Notification.id))) == 0


def test_a_food_product_without_pirt_cannot_be_approved(client, login, make_staff, make_product):
    """Acceptance 3: no PIRT number and no PIRT-in-process note: refused, and flagged."""
    staff = make_staff()
    product = _pending_food(make_product, pirt_number="", pirt_in_process=False,
                            name="Abon Tanpa Izin")
    db.session.commit()
    login(staff)
    assert "PIRT" in client.get("/staf/tinjauan").get_data(as_text=True)
    response = client.post(f"/staf/tinjauan/{product.id}/setujui",
                           data={"revision": product.revision}, follow_redirects=True)
    assert "belum bisa disetujui" in response.get_data(as_text=True)
    assert _reload(product.id).status == ListingStatus.PENDING_REVIEW
    assert client.get(f"/produk/{product.slug}").status_code == 404
    assert _actions(product.id) == []

    product = _reload(product.id)
    product.pirt_in_process = True  # the seller says her PIRT is in process
    db.session.commit()
    response = client.post(f"/staf/tinjauan/{product.id}/setujui",
                           data={"revision": product.revision})
    assert response.status_code == 302
    assert _reload(product.id).status == ListingStatus.APPROVED


def test_food_without_shelf_life_cannot_be_approved_but_a_craft_can(client, login, make_staff,
                                                                     make_product, make_category):
    staff = make_staff()
    food = _pending_food(make_product, shelf_life_days=None)
    craft = make_product(status=ListingStatus.PENDING_REVIEW, submitted_at=clock.now(),
                         category=make_category(CategoryKind.CRAFT))
    db.session.commit()
    login(staff)
    client.post(f"/staf/tinjauan/{food.id}/setujui", data={"revision": food.revision})
    client.post(f"/staf/tinjauan/{craft.id}/setujui", data={"revision": craft.revision})
    assert _reload(food.id).status == ListingStatus.PENDING_REVIEW
    assert _reload(craft.id).status == ListingStatus.APPROVED


def test_request_changes_needs_a_reason(client, login, make_staff, make_product):
    staff = make_staff()
    product = _pending_food(make_product)
    db.session.commit()
    login(staff)
    response = client.post(f"/staf/tinjauan/{product.id}/minta-perubahan",
                           data={"revision": product.revision, "reason": " "})
    assert response.status_code == 422
    assert "Tulis apa yang perlu diubah" in response.get_data(as_text=True)
    assert _reload(product.id).status == ListingStatus.PENDING_REVIEW
    bad = client.post(f"/staf/tinjauan/{product.id}/setujui", data={"revision": "x"})
    assert bad.status_code == 400
    assert client.post("/staf/tinjauan/999999/setujui", data={"revision": 1}).status_code == 404
    assert client.get("/staf/tinjauan/999999").status_code == 404


def test_review_queue_query_count_does_not_grow(client, login, make_staff, make_product,
                                                make_shop, count_queries):
    staff = make_staff()
    shops = [make_shop() for _ in range(3)]

    def add(n):
        for i in range(n):
            product = _pending_food(make_product, shop=shops[i % 3])
            product.photos.append(ProductPhoto(key=f"products/x{product.id}", width=1, height=1))
            db.session.add(ApprovedVersion(product_id=product.id, revision=1, data={"price": 1}))
        db.session.commit()

    add(3)
    login(staff)
    with count_queries() as few:
        assert client.get("/staf/tinjauan").status_code == 200
    add(30)
    with count_queries() as many:
        assert client.get("/staf/tinjauan").status_code == 200
    assert few() == many() and many() <= 6, (few(), many())
