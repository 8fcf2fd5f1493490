"""The audit log page and its guard; the seller's message list."""
import pytest
import sqlalchemy as sa

from storefront.accounts.models import Role
from storefront.audit.models import AuditEntry, AuditEntryImmutable
from storefront.audit.services import record
from storefront.extensions import db
from storefront.notifications.services import notify


def test_audit_log_filters_by_seller_and_by_product(client, login, make_staff, make_product):
    staff = make_staff(name="Staf Yohana")
    first = make_product(name="Kue Satu")
    second = make_product(name="Kue Dua")
    record(staff, "product.approve", shop_id=first.shop_id, product_id=first.id)
    record(staff, "shop.suspend", shop_id=second.shop_id, reason="Alasan rahasia dua")
    record(staff, "product.feature", shop_id=second.shop_id, product_id=second.id)
    db.session.commit()
    login(staff)
    everything = client.get("/staf/audit").get_data(as_text=True)
    assert "Kue Satu" in everything and "Alasan rahasia dua" in everything
    assert "Staf Yohana" in everything and "Disetujui" in everything
    by_shop = client.get(f"/staf/audit?toko={second.shop_id}").get_data(as_text=True)
    assert "Alasan rahasia dua" in by_shop and "Kue Dua" in by_shop and "Kue Satu" not in by_shop
    by_product = client.get(f"/staf/audit?produk={first.id}").get_data(as_text=True)
    assert "Kue Satu" in by_product and "Alasan rahasia dua" not in by_product
    assert client.get("/staf/audit?produk=abc&toko=-1").status_code == 200


def test_audit_entries_can_never_be_edited_or_deleted(app, make_staff):
    staff = make_staff()
    entry = record(staff, "shop.suspend", reason="Asli")
    db.session.commit()
    entry.reason = "Diubah"
    with pytest.raises(AuditEntryImmutable):
        db.session.flush()
    db.session.rollback()
    db.session.delete(db.session.get(AuditEntry, entry.id))
    with pytest.raises(AuditEntryImmutable):
        db.session.flush()
    db.session.rollback()


def test_the_database_itself_refuses_to_change_an_audit_entry(app, make_staff):
    staff = make_staff()
    entry = record(staff, "shop.suspend", reason="Asli")
    db.session.commit()
    with pytest.raises(sa.exc.DatabaseError):
        db.session.execute(sa.text("UPDATE audit_entries SET reason = 'x' WHERE id = :id"),
                           {"id": entry.id})
    db.session.rollback()
    if db.engine.dialect.name == "postgresql":
        with pytest.raises(sa.exc.DatabaseError):
            db.session.execute(sa.text("DELETE FROM audit_entries WHERE id = :id"),
                               {"id": entry.id})
        db.session.rollback()
    assert db.session.get(AuditEntry, entry.id).reason == "Asli"


def test_a_seller_reads_only_her_own_messages(client, login, make_shop, make_user):
    mine, theirs = make_shop(), make_shop()
    notify(mine.owner, "Pesan untuk saya")
    notify(theirs.owner, "Pesan untuk orang lain")
    buyer = make_user(Role.BUYER)
    db.session.commit()
    login(mine.owner)
    html = client.get("/penjual/notifikasi/").get_data(as_text=True)
    assert "Pesan untuk saya" in html and "Pesan untuk orang lain" not in html
    assert "Baru" in html
    assert "Baru" not in client.get("/penjual/notifikasi/").get_data(as_text=True)  # now read
    assert "/penjual/notifikasi/" in client.get("/penjual/").get_data(as_text=True)
    login(buyer)
    assert client.get("/penjual/notifikasi/").status_code == 403
    client.post("/akun/keluar")
    response = client.get("/penjual/notifikasi/")
    assert response.status_code == 302 and "/akun/masuk" in response.location
