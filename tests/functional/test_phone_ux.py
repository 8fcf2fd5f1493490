"""Issue 18, first-time phone users: what the server sends for each point."""
from __future__ import annotations

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
