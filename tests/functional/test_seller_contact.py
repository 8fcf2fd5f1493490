"""A seller's WhatsApp contact is shown only by her consent: her own public number, or the
programme's relay number; a new or existing shop shows none, even to her buyers."""
import pytest

from storefront.extensions import db
from storefront.shops.models import ContactChoice

LOGIN = "+6281300077777"


@pytest.fixture
def shop(make_seller, make_product):
    shop = make_seller(phone=LOGIN)  # the factory copies her login number to whatsapp
    make_product(shop=shop)
    db.session.commit()
    return shop


def _page(client, shop) -> str:
    return client.get(f"/toko/{shop.slug}").get_data(as_text=True)


def test_hidden_by_default_even_when_a_number_is_stored(client, shop):
    assert shop.contact == ContactChoice.HIDDEN and shop.whatsapp == LOGIN
    html = _page(client, shop)
    assert "wa.me" not in html and "6281300077777" not in html


def test_her_chosen_public_number(client, shop):
    shop.contact, shop.whatsapp = ContactChoice.OWN, "+6281399998888"
    db.session.commit()
    html = _page(client, shop)
    assert "wa.me/6281399998888" in html and "6281300077777" not in html


def test_the_programme_relay_number(client, app, shop):
    app.config["PROGRAMME_WHATSAPP"] = "+6281100001111"
    shop.contact = ContactChoice.PROGRAMME
    db.session.commit()
    html = _page(client, shop)
    assert "wa.me/6281100001111" in html and "6281300077777" not in html


def test_onboarding_asks_and_keeps_her_login_number_private(client, login, make_staff):
    login(make_staff())
    page = client.get("/staf/penjual/baru").get_data(as_text=True)
    assert 'name="contact"' in page
    client.post("/staf/penjual/baru", data={"name": "Mama Yuli", "phone": "0812 7777 1234",
                                            "shop_name": "Dapur Yuli", "area": "Oebobo",
                                            "contact": "hidden"})
    import sqlalchemy as sa

    from storefront.shops.models import Shop

    new = db.session.scalar(sa.select(Shop).where(Shop.name == "Dapur Yuli"))
    assert new.contact == ContactChoice.HIDDEN and new.whatsapp is None


def test_she_chooses_on_her_profile(client, seller):
    client.post("/penjual/toko", data={"name": seller.name, "area": seller.area,
                                       "contact": "own", "whatsapp": "0813 9999 8888"})
    db.session.expire_all()
    assert seller.contact == ContactChoice.OWN and seller.whatsapp == "+6281399998888"
    assert "wa.me/6281399998888" in _page(client, seller)
