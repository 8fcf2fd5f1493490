"""MEDIA_STORAGE=s3 end to end, against a loopback fake S3: seller photos land in the bucket
and are served from it, proofs stay private, links may point at a CDN, readiness tells the truth."""
import io
from pathlib import Path

import pytest
import sqlalchemy as sa

from storefront import create_app
from storefront.accounts.models import Role
from storefront.catalog.models import CategoryKind, Product
from storefront.extensions import db
from storefront.media.storage import file_name
from storefront.payments import services
from storefront.payments.models import Payment, PaymentMethod
from storefront.payments.proofs import proof_root
from storefront.reach.feeds import feed_row
from tests.fakes.s3_server import dead_endpoint
from tests.support import images

SIZES = ("thumb", "card", "full")


def _local_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _upload_product(client, make_category, photos: int = 1) -> Product:
    category = make_category(CategoryKind.CRAFT)
    db.session.commit()
    reply = client.post(f"/penjual/produk/baru?kategori={category.id}", data={
        "name": "Tas Lontar", "description": "Anyaman daun lontar.", "price": "60.000", "stock": "2",
        "photos": [(io.BytesIO(images.png_bytes(200 + i, 100)), f"{i}.png") for i in range(photos)],
    }, content_type="multipart/form-data")
    assert reply.status_code == 302
    return db.session.scalar(sa.select(Product))


def test_seller_photos_go_to_the_bucket_and_are_served_from_it(client, app, s3_media, seller,
                                                                make_category):
    local_before = _local_files(Path(app.config["MEDIA_ROOT"]))
    product = _upload_product(client, make_category, photos=2)
    names = sorted(file_name(photo.key, size) for photo in product.photos for size in SIZES)
    assert len(names) == 6 and all(name.startswith("products/") for name in names)
    assert s3_media.keys() == [f"media/{name}" for name in names]
    assert _local_files(Path(app.config["MEDIA_ROOT"])) == local_before

    card = file_name(product.photos[0].key, "card")
    response = client.get(f"/media/{card}")
    assert response.status_code == 200 and response.mimetype == "image/webp"
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.data == s3_media.body(f"media/{card}")
    again = client.get(f"/media/{card}", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304

    assert client.get("/media/products/never-uploaded-card.webp").status_code == 404
    assert client.get(f"/media/{card[:-5]}.png").status_code == 404


def test_media_links_point_at_the_public_bucket_when_configured(client, app, s3_media, seller,
                                                                  make_category):
    product = _upload_product(client, make_category)
    key = product.photos[0].key
    assert f'src="/media/{key}-thumb.webp"' in client.get(f"/penjual/produk/{product.id}/ubah").text
    app.config["MEDIA_PUBLIC_URL"] = "https://cdn.pasaribu.example/media"
    page = client.get(f"/penjual/produk/{product.id}/ubah").text
    assert f'src="https://cdn.pasaribu.example/media/{key}-thumb.webp"' in page
    assert "/media/products/" not in page.replace("https://cdn.pasaribu.example/media/products/", "")
    assert feed_row(product)["image_link"] == f"https://cdn.pasaribu.example/media/{key}-full.webp"


def test_the_csp_lets_images_come_from_the_public_bucket(app, tmp_path):
    cdn = create_app({"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                      "MEDIA_ROOT": str(tmp_path), "MEDIA_PUBLIC_URL": "https://cdn.pasaribu.example/m"})
    csp = cdn.test_client().get("/akun/masuk").headers["Content-Security-Policy"]
    assert "img-src 'self' data: https://cdn.pasaribu.example;" in csp


@pytest.fixture
def transfer(app, make_order):
    make_order(id=88, total=50_000)
    app.config.update(PAYMENT_METHODS=("bank_transfer", "cash"), PAYMENT_BANK_ACCOUNT="0123456789")
    payment = services.start_payment(88, 50_000, PaymentMethod.BANK_TRANSFER, description="Pesanan #88")
    db.session.commit()
    return payment


def test_a_transfer_proof_is_kept_private_in_the_bucket(client, app, s3_media, transfer, make_user,
                                                        login):
    app.config["MEDIA_PUBLIC_URL"] = "https://cdn.pasaribu.example/media"
    local_before = _local_files(proof_root())  # the folder is shared by the whole session
    reply = client.post(f"/bayar/{transfer.token}/bukti",
                        data={"photo": (io.BytesIO(images.png_bytes(300, 500)), "bukti.png")},
                        content_type="multipart/form-data")
    assert reply.status_code == 302
    db.session.expire_all()
    key = db.session.get(Payment, transfer.id).proof_key
    assert s3_media.keys() == [f"proofs/{file_name(key, size)}" for size in sorted(SIZES)]
    assert s3_media.head(f"proofs/{file_name(key, 'full')}")["CacheControl"] == "private, no-store"
    assert _local_files(proof_root()) == local_before
    assert client.get(f"/media/{file_name(key, 'full')}").status_code == 404

    login(make_user(Role.BUYER))
    assert client.get(f"/staf/pembayaran/bukti/{transfer.id}").status_code == 403
    login(make_user(Role.STAFF))
    image = client.get(f"/staf/pembayaran/bukti/{transfer.id}")
    assert image.status_code == 200 and image.mimetype == "image/webp"
    assert image.headers["Cache-Control"] == "private, no-store"
    assert image.data == s3_media.body(f"proofs/{file_name(key, 'full')}")
    assert "cdn.pasaribu.example" not in client.get("/staf/pembayaran/").text


def test_readiness_follows_the_bucket(client, app, s3_media):
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json["checks"]["media"] is True
    assert s3_media.keys() == []  # the probe cleans up after itself

    app.config["S3_BUCKET"] = "no-such-bucket"
    missing = client.get("/readyz")
    assert missing.status_code == 503 and missing.json["checks"]["media"] is False

    app.config.update(S3_BUCKET=s3_media.name, S3_ENDPOINT_URL=dead_endpoint())
    down = client.get("/readyz")
    assert down.status_code == 503
    assert down.json["checks"] == {"database": True, "redis": True, "media": False}


def test_a_store_that_is_down_gets_the_friendly_error_page(client, app, s3_media):
    app.config["S3_ENDPOINT_URL"] = dead_endpoint()
    response = client.get("/media/products/any-card.webp")
    assert response.status_code == 503
    assert "Maaf, ada gangguan" in response.text
