"""Card links built from prefixes are the links url_for builds, for any slug or photo key."""
import pytest
from flask import url_for
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storefront.media.storage import file_name
from storefront.reach.links import media_link
from storefront.web.template_helpers import media_url, product_url

TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
               min_size=1, max_size=30)


@pytest.fixture(params=["", "https://cdn.example/pasar-ibu"], ids=["app", "cdn"])
def public_url(request, app):
    app.config["MEDIA_PUBLIC_URL"] = request.param
    return request.param


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # config only
@given(slug=TEXT, key=TEXT)
def test_prefix_links_equal_url_for(app, public_url, slug, key):
    with app.test_request_context("/", base_url="http://localhost/toko-ibu"):
        assert product_url(slug) == url_for("catalog.product", slug=slug)
        for size in ("thumb", "card", "full"):
            assert media_url(key, size) == media_link(file_name(key, size))
        assert media_url(None) == url_for("static", filename="img/placeholder.svg")
