"""Issue 18 point 16: staff permissions on a page for admins, audited, and `flask staff grant`."""
from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa

from storefront.audit.models import AuditEntry
from storefront.extensions import db
from storefront.staff import permissions


@pytest.fixture
def admin(make_staff, login):
    user = make_staff(name="Ibu Admin")
    user.permissions = "admin"
    db.session.commit()
    login(user)
    return user


def test_an_admin_gives_finance_and_it_is_audited(client, admin, make_staff):
    other = make_staff(name="Ibu Kasir")
    db.session.commit()
    page = client.get("/staf/hak-akses").get_data(as_text=True)
    assert "Ibu Kasir" in page and "Hak akses staf" in page
    reply = client.post(f"/staf/hak-akses/{other.id}", data={"permission": ["finance", "nope"],
                                                            "seen": ""})
    assert reply.status_code == 302
    db.session.expire_all()
    assert db.session.get(type(other), other.id).permissions == "finance"
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "staff.permissions"))
    assert (entry.actor_id, entry.subject, entry.reason) == (admin.id, f"user:{other.id}", "- -> finance")
    assert "Hak akses staf diubah" in client.get("/staf/audit").get_data(as_text=True)


def test_staff_without_admin_get_403(client, login, make_staff):
    plain = make_staff()
    db.session.commit()
    login(plain)
    assert client.get("/staf/hak-akses").status_code == 403
    assert client.post(f"/staf/hak-akses/{plain.id}", data={"permission": "admin"}).status_code == 403
    assert "/staf/hak-akses" not in client.get("/staf/").get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(type(plain), plain.id).permissions == ""


def test_an_admin_cannot_drop_her_own_admin_nor_touch_a_seller(client, admin, make_seller):
    client.post(f"/staf/hak-akses/{admin.id}", data={"permission": "finance", "seen": "admin"})
    db.session.expire_all()
    assert db.session.get(type(admin), admin.id).permissions == "admin"
    shop = make_seller()
    db.session.commit()
    assert client.post(f"/staf/hak-akses/{shop.owner_id}", data={"seen": ""}).status_code == 404
    assert client.post(f"/staf/hak-akses/{2**31}", data={"seen": ""}).status_code == 404


def test_a_stale_page_does_not_overwrite_a_newer_change(client, admin, make_staff):
    other = make_staff()
    other.permissions = "mentor"
    db.session.commit()
    client.post(f"/staf/hak-akses/{other.id}", data={"permission": "finance", "seen": ""})
    db.session.expire_all()
    assert db.session.get(type(other), other.id).permissions == "mentor"


def test_flask_staff_grant_and_revoke(app, make_staff):
    user = make_staff(email="kasir@pasaribu.test")
    db.session.commit()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["staff", "grant", "kasir@pasaribu.test", "finance"])
    assert result.exit_code == 0, result.output
    assert "finance" in result.output
    db.session.expire_all()
    assert db.session.get(type(user), user.id).permissions == "finance"
    assert db.session.scalar(sa.select(sa.func.count(AuditEntry.id)).where(
        AuditEntry.action == "staff.permissions", AuditEntry.actor_id.is_(None))) == 1
    assert runner.invoke(args=["staff", "revoke", "kasir@pasaribu.test", "finance"]).exit_code == 0
    assert runner.invoke(args=["staff", "grant", "nobody@x.test", "finance"]).exit_code != 0
    assert runner.invoke(args=["staff", "grant", "kasir@pasaribu.test", "root"]).exit_code != 0


def test_two_admins_saving_at_once_write_one_change_and_one_audit(app, make_staff):
    first, second, target = make_staff(), make_staff(), make_staff()
    first.permissions = second.permissions = "admin"
    db.session.commit()
    ids = (first.id, second.id, target.id)
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def save(actor_id: int, wanted: set[str]) -> None:
        with app.app_context():
            actor, who = db.session.get(type(first), actor_id), db.session.get(type(first), ids[2])
            barrier.wait()
            try:
                permissions.set_permissions(who, wanted, seen="", actor=actor)
                db.session.commit()
                outcomes.append("saved")
            except (permissions.ChangedMeanwhile, sa.exc.OperationalError):
                # SQLite may refuse the second writer as locked instead: also not saved
                db.session.rollback()
                outcomes.append("stale")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=save, args=(ids[0], {"finance"})),
               threading.Thread(target=save, args=(ids[1], {"mentor"}))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["saved", "stale"]
    db.session.expire_all()
    assert db.session.get(type(first), ids[2]).permissions in ("finance", "mentor")
    assert db.session.scalar(sa.select(sa.func.count(AuditEntry.id)).where(
        AuditEntry.action == "staff.permissions")) == 1
