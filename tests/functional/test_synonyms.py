"""/staf/sinonim: staff edit the words search treats as the same; every change is audited."""
import pytest
import sqlalchemy as sa

from storefront.audit.models import AuditEntry
from storefront.extensions import db
from storefront.search.models import SynonymGroup
from tests.support.synonyms import no_first_synonyms  # noqa: F401 - a fixture

pytestmark = pytest.mark.usefixtures("no_first_synonyms")


def _found(client, q):
    html = client.get("/cari", query_string={"q": q}).get_data(as_text=True)
    return [part.split("</span>")[0] for part in html.split('class="card-name">')[1:]]


def test_staff_add_and_remove_a_group_and_search_follows(client, login, make_staff, make_product):
    make_product(name="Jajan Pasar")
    make_product(name="Tas Hadiah")
    staff = make_staff()
    login(staff)
    assert _found(client, "kue") == []
    response = client.post("/staf/sinonim/", data={"words": "Kue, jajan ~ JAJAN"})
    assert response.status_code == 302
    assert _found(client, "kue") == ["Jajan Pasar"]
    assert client.post("/staf/sinonim/", data={"words": "oleh-oleh, hadiah"}).status_code == 302
    assert _found(client, "oleh-oleh") == ["Tas Hadiah"]
    page = client.get("/staf/sinonim/").get_data(as_text=True)
    assert "kue, jajan" in page and "oleholeh, hadiah" in page
    group = db.session.scalar(sa.select(SynonymGroup).where(SynonymGroup.label == "kue, jajan"))
    assert client.post(f"/staf/sinonim/{group.id}/hapus").status_code == 302
    assert _found(client, "kue") == []
    again = client.post(f"/staf/sinonim/{group.id}/hapus", follow_redirects=True)
    assert again.status_code == 200
    actions = db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["synonym.add", "synonym.add", "synonym.remove"]


def test_a_group_needs_two_different_words(client, login, make_staff):
    login(make_staff())
    for words in ("kue", "kue, KUE", "", ",,,", "x" * 300, ", ".join(f"w{n}" for n in range(11))):
        response = client.post("/staf/sinonim/", data={"words": words})
        assert response.status_code == 400, words
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SynonymGroup)) == 0


def test_ids_beyond_32_bits_are_404(client, login, make_staff):
    login(make_staff())
    assert client.post(f"/staf/sinonim/{2**31}/hapus").status_code in (302, 404)
