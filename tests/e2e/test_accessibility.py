"""axe-core (WCAG 2 A and AA) finds no violation on any public or seller page, at 360 px."""
import pytest
import sqlalchemy as sa
from axe_playwright_python.sync_playwright import Axe

from storefront.catalog.models import Product
from storefront.curation.models import Collection
from storefront.demo import data
from storefront.demo.seed import seed_demo
from storefront.extensions import db
from storefront.shops.models import Shop

pytestmark = pytest.mark.browser

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations"]}


def _violations(page) -> list[str]:
    results = Axe().run(page, options=WCAG)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})"
            for v in results.response["violations"]]


@pytest.fixture
def demo_world(app, make_collection, place_order):
    seed_demo()
    product = db.session.scalars(sa.select(Product).where(Product.stock > 0).order_by(Product.id)).first()
    seeded = db.session.scalar(sa.select(Collection).where(Collection.slug == "hadiah-hari-ibu"))
    if seeded is None:
        make_collection(name="Hadiah Hari Ibu", slug="hadiah-hari-ibu", products=[product])
    else:  # the demo seeds it, shown through the Hari Ibu season
        seeded.starts_on, seeded.ends_on = None, None
        seeded.products.append(product)
    order = place_order({product: 1})
    db.session.commit()
    return {"product": product, "shop": product.shop, "order": order}


def test_public_pages_have_no_axe_violations(live_server, new_page, demo_world):
    page = new_page()
    product, shop, order = demo_world["product"], demo_world["shop"], demo_world["order"]
    paths = ["/", f"/kategori/{product.category.slug}", f"/produk/{product.slug}", f"/toko/{shop.slug}",
             "/cari?q=sambal", "/cari?q=tidakadaapapun", "/koleksi/hadiah-hari-ibu", "/hari-ibu",
             f"/pesanan/{order.token}", "/akun/masuk", "/akun/daftar", "/halaman-tidak-ada"]
    found = {}
    for path in paths:
        page.goto(live_server + path)
        found[path] = _violations(page)
    # a cart with a line, then the checkout form
    page.goto(live_server + f"/produk/{product.slug}")
    page.get_by_role("button", name="Masukkan ke keranjang").click()
    found["/keranjang/"] = _violations(page)
    page.goto(live_server + "/pesan/")
    found["/pesan/"] = _violations(page)
    assert {path: v for path, v in found.items() if v} == {}


def test_seller_pages_have_no_axe_violations(live_server, new_page, demo_world):
    page = new_page()
    page.goto(live_server + "/akun/masuk")
    page.fill("#login", data.SELLERS[0]["phone"])
    page.fill("#password", data.SELLER_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    shop = db.session.scalar(sa.select(Shop).where(Shop.slug == data.SELLERS[0]["slug"]))
    product = db.session.scalars(sa.select(Product).where(Product.shop_id == shop.id)).first()
    paths = ["/penjual/", "/penjual/produk", f"/penjual/produk/{product.id}/ubah", "/penjual/toko",
             "/penjual/produk/baru", "/penjual/pesanan/", "/penjual/ongkir/", "/penjual/bagikan",
             "/penjual/notifikasi/", "/penjual/pendapatan/", "/akun/sandi"]
    found = {}
    for path in paths:
        response = page.goto(live_server + path)
        assert response.status == 200, path
        found[path] = _violations(page)
    assert {path: v for path, v in found.items() if v} == {}


def test_the_checker_does_catch_violations(new_page):
    page = new_page()
    page.set_content('<html><body><img src="x.png"><a href="/"></a>'
                     '<p style="color:#eee;background:#fff">pucat</p></body></html>')
    ids = {v.split(":")[0] for v in _violations(page)}
    assert {"image-alt", "link-name", "color-contrast", "html-has-lang"} <= ids
