"""Issue 18, first-time phone users: what the server sends for each point."""
from __future__ import annotations

import re

import pytest

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
