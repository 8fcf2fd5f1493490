"""The S3 adapter against a loopback fake S3, through the real boto3; the local folder's
failures speak the same StorageError."""
import pytest

from storefront.media.s3 import S3Storage, client_for
from storefront.media.storage import (
    PRIVATE_CACHE,
    PUBLIC_CACHE,
    InvalidName,
    LocalStorage,
    StorageError,
    storage,
)
from storefront.payments.proofs import proof_storage
from tests.fakes.s3_server import dead_endpoint

BAD_NAMES = ["../secret_key", "/etc/passwd", "products/../../x.webp", "", "a\\b.webp",
             "products//x.webp", "./x.webp", "products/"]


def test_put_read_exists_delete_round_trip(app, s3_media):
    store = storage()
    store.put("products/abc-card.webp", b"webp bytes", "image/webp")
    assert s3_media.keys() == ["media/products/abc-card.webp"]
    assert store.exists("products/abc-card.webp")
    assert store.read("products/abc-card.webp") == b"webp bytes"
    head = s3_media.head("media/products/abc-card.webp")
    assert head["ContentType"] == "image/webp"
    assert head["CacheControl"] == PUBLIC_CACHE == "public, max-age=31536000, immutable"
    store.delete("products/abc-card.webp")
    store.delete("products/abc-card.webp")  # a second delete is harmless
    assert s3_media.keys() == []
    assert not store.exists("products/abc-card.webp")
    assert store.read("products/abc-card.webp") is None


def test_proofs_are_stored_private_under_their_own_prefix(app, s3_media):
    proof_storage().put("proofs/xyz-full.webp", b"receipt", "image/webp")
    assert s3_media.keys() == ["proofs/proofs/xyz-full.webp"]
    assert s3_media.head("proofs/proofs/xyz-full.webp")["CacheControl"] == PRIVATE_CACHE
    assert storage().read("proofs/xyz-full.webp") is None  # not reachable as public media


@pytest.mark.parametrize("name", BAD_NAMES)
def test_bad_names_are_refused_by_both_stores(app, s3_media, tmp_path, name):
    for store in (storage(), LocalStorage(str(tmp_path))):
        for attempt in (lambda s: s.put(name, b"x", "image/webp"), lambda s: s.read(name),
                        lambda s: s.exists(name), lambda s: s.delete(name)):
            with pytest.raises(InvalidName):
                attempt(store)
    assert s3_media.keys() == []
    assert list(tmp_path.iterdir()) == []


def test_one_client_per_app(app, s3_media):
    first = client_for(app)
    assert client_for(app) is first
    assert storage().client is first and proof_storage().client is first


def test_an_endpoint_that_is_down_raises_storage_error(app, s3_server):
    store = S3Storage(client_for_endpoint(app, dead_endpoint()), "any-bucket", "media/", PUBLIC_CACHE)
    for attempt in (lambda: store.put("a.webp", b"x", "image/webp"), lambda: store.read("a.webp"),
                    lambda: store.exists("a.webp"), lambda: store.delete("a.webp")):
        with pytest.raises(StorageError):
            attempt()


def test_a_missing_bucket_raises_storage_error_but_a_missing_key_does_not(app, s3_media):
    gone = S3Storage(client_for(app), "no-such-bucket", "media/", PUBLIC_CACHE)
    with pytest.raises(StorageError):
        gone.put("a.webp", b"x", "image/webp")
    with pytest.raises(StorageError):
        gone.read("a.webp")
    assert storage().read("products/never-stored.webp") is None


def test_local_folder_failures_are_storage_errors_too(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the media folder should be")
    store = LocalStorage(str(blocker))
    with pytest.raises(StorageError):
        store.put("products/a-card.webp", b"x", "image/webp")


def client_for_endpoint(app, endpoint: str):
    app.config["S3_ENDPOINT_URL"] = endpoint
    return client_for(app)
