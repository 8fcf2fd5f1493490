"""The Hari Ibu campaign page, with the clock under control."""
from datetime import date, datetime

from storefront import clock
from storefront.extensions import db


def test_campaign_page_shows_order_by_date_and_marks_late_products(client, make_collection,
                                                                   make_product):
    quick = make_product(name="Kue Cepat Jadi", made_to_order=True, lead_days=1)
    slow = make_product(name="Tenun Lama Dibuat", made_to_order=True, lead_days=10)
    ready = make_product(name="Sambal Siap Kirim", stock=4)
    make_collection(slug="hadiah-hari-ibu", starts_on=date(2026, 11, 1),
                    ends_on=date(2026, 12, 22), products=[quick, slow, ready])
    db.session.commit()

    clock.freeze(datetime(2026, 12, 12, 2))  # 12 December in Kupang
    html = client.get("/hari-ibu").get_data(as_text=True)
    assert "20 Desember 2026" in html  # order by the 20th to arrive before the 22nd
    assert html.count("Tidak sempat untuk Hari Ibu") == 1
    late_at = html.index("Tidak sempat untuk Hari Ibu")
    assert html.rindex("Tenun Lama Dibuat", 0, late_at) > html.rindex("Kue Cepat Jadi", 0, late_at)
    assert "Sambal Siap Kirim" in html
    home = client.get("/").get_data(as_text=True)
    assert 'href="/hari-ibu"' in home  # the campaign's collection leads to the campaign page
    assert "/hari-ibu" in client.get("/koleksi/hadiah-hari-ibu").get_data(as_text=True)

    clock.freeze(datetime(2026, 12, 20, 2))
    html = client.get("/hari-ibu").get_data(as_text=True)
    assert html.count("Tidak sempat untuk Hari Ibu") == 2

    clock.freeze(datetime(2026, 12, 21, 2))
    html = client.get("/hari-ibu").get_data(as_text=True)
    assert "sudah lewat" in html


def test_campaign_date_is_configurable(app, client):
    app.config["HARI_IBU_DATE"] = "05-10"
    clock.freeze(datetime(2026, 4, 1, 2))
    html = client.get("/hari-ibu").get_data(as_text=True)
    assert "10 Mei 2026" in html and "8 Mei 2026" in html


def test_a_wrong_campaign_date_stops_the_app_at_start(monkeypatch, tmp_path):
    import pytest

    from storefront import config

    monkeypatch.setenv("HARI_IBU_DATE", "22-12")
    monkeypatch.setenv("SECRET_KEY", "x")
    with pytest.raises(config.ConfigError):
        config.load(str(tmp_path))
    monkeypatch.setenv("HARI_IBU_DATE", "12-22")
    assert config.load(str(tmp_path))["HARI_IBU_DATE"] == "12-22"
