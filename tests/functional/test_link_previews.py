"""Every public page carries Open Graph tags whose image answers 1200×630."""
import io
import json
from html.parser import HTMLParser

import pytest
from PIL import Image

from storefront.extensions import db
from storefront.models import ProductPhoto
from storefront.reach.share_images import product_version


class MetaParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta, self.canonical, self.json_ld, self._in_ld = {}, None, [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            self.meta[attrs.get("property") or attrs["name"]] = attrs.get("content")
        if tag == "link" and attrs.get("rel") == "canonical":
            self.canonical = attrs["href"]
        self._in_ld = tag == "script" and attrs.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld.append(json.loads(data))
            self._in_ld = False


def parse(html: str) -> MetaParser:
    parser = MetaParser()
    parser.feed(html)
    return parser


@pytest.fixture
def product(make_product, make_category, make_shop):
    shop = make_shop(name="Dapur Mama Yuli")
    item = make_product(shop=shop, name="Sambal Lu'at", price=25000, stock=4)
    db.session.commit()
    return item


def _image_size(client, url: str) -> tuple[int, int]:
    path = url.split("localhost", 1)[1]
    response = client.get(path)
    assert response.status_code == 200 and response.mimetype == "image/png", url
    return Image.open(io.BytesIO(response.data)).size


def test_every_public_page_type_has_open_graph_tags(client, product, make_collection):
    collection = make_collection(slug="kue-pilihan", products=[product])
    db.session.commit()
    pages = ["/", f"/kategori/{product.category.slug}", f"/toko/{product.shop.slug}",
             f"/produk/{product.slug}", "/cari?q=sambal", f"/koleksi/{collection.slug}",
             "/hari-ibu"]
    for path in pages:
        meta = parse(client.get(path).get_data(as_text=True))
        for key in ("og:title", "og:description", "og:url", "og:image", "og:locale", "twitter:card"):
            assert meta.meta.get(key), (path, key)
        assert meta.meta["og:locale"] == "id_ID"
        assert meta.meta["og:url"] == meta.canonical == "http://localhost" + path.split("?")[0]
        assert _image_size(client, meta.meta["og:image"]) == (1200, 630), path
    collection_meta = parse(client.get(f"/koleksi/{collection.slug}").get_data(as_text=True)).meta
    assert collection_meta["og:title"].startswith(collection.name)
    assert collection_meta["og:description"] == collection.banner


def test_product_preview_names_the_product_price_and_shop(client, product):
    meta = parse(client.get(f"/produk/{product.slug}").get_data(as_text=True)).meta
    assert meta["og:type"] == "product"
    assert "Sambal Lu&#39;at" not in meta["og:title"] and "Sambal Lu'at" in meta["og:title"]
    assert "Rp 25.000" in meta["og:description"] and "Dapur Mama Yuli" in meta["og:description"]
    assert f"/og/produk/{product.slug}.png?v=" in meta["og:image"]


def test_product_json_ld_has_price_and_availability(client, product):
    data = parse(client.get(f"/produk/{product.slug}").get_data(as_text=True)).json_ld
    assert len(data) == 1 and data[0]["@type"] == "Product"
    offer = data[0]["offers"]
    assert offer["price"] == "25000" and offer["priceCurrency"] == "IDR"
    assert offer["availability"] == "https://schema.org/InStock"
    product.stock = 0
    db.session.commit()
    data = parse(client.get(f"/produk/{product.slug}").get_data(as_text=True)).json_ld
    assert data[0]["offers"]["availability"] == "https://schema.org/OutOfStock"
    assert "aggregateRating" not in data[0]


def test_json_ld_cannot_be_broken_out_of(client, make_product):
    product = make_product(name="</script><script>alert(1)</script>")
    db.session.commit()
    html = client.get(f"/produk/{product.slug}").get_data(as_text=True)
    assert "<script>alert(1)" not in html
    assert parse(html).json_ld[0]["name"] == product.name


def test_preview_image_is_rebuilt_when_the_product_changes(client, product):
    before = product_version(product)
    first = client.get(f"/og/produk/{product.slug}.png").data
    product.price = 30000
    db.session.commit()
    assert product_version(product) != before
    second = client.get(f"/og/produk/{product.slug}.png").data
    assert first != second


def test_preview_uses_the_cover_photo(client, product, app):
    from storefront.demo.pictures import draw
    from storefront.media.storage import save_photo

    key, full = save_photo(draw("Sambal", (200, 30, 30)), "products/test")
    product.photos.append(ProductPhoto(key=key, width=full.width, height=full.height))
    db.session.commit()
    image = Image.open(io.BytesIO(client.get(f"/og/produk/{product.slug}.png").data)).convert("RGB")
    red, green, blue = image.getpixel((100, 100))
    assert red > green and red > blue


@pytest.mark.parametrize("path", ["/og/produk/tidak-ada.png", "/og/toko/tidak-ada.png"])
def test_unknown_previews_are_404(client, path):
    assert client.get(path).status_code == 404


def test_no_preview_for_a_product_that_is_not_public(client, make_product):
    from storefront.domain.listing import ListingStatus

    draft = make_product(status=ListingStatus.DRAFT)
    db.session.commit()
    assert client.get(f"/og/produk/{draft.slug}.png").status_code == 404


def test_absolute_links_outside_a_request(app):
    from storefront.reach.links import absolute_url

    with app.app_context():
        assert absolute_url("catalog.product", slug="kue") == "http://localhost/produk/kue"
