import pytest

from storefront import config


def test_production_without_secret_key_fails(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("APP_ENV", "production")
    with pytest.raises(config.ConfigError):
        config.load(str(tmp_path))


def test_development_generates_and_keeps_a_secret_key(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("APP_ENV", "development")
    first = config.load(str(tmp_path))["SECRET_KEY"]
    assert len(first) >= 32
    assert config.load(str(tmp_path))["SECRET_KEY"] == first


def test_database_url_defaults_to_sqlite_in_instance(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert config.database_url(str(tmp_path)) == f"sqlite:///{tmp_path}/pasar_ibu.db"


@pytest.mark.parametrize("given", ["postgres://u@h/db", "postgresql://u@h/db"])
def test_postgres_urls_use_psycopg3(monkeypatch, tmp_path, given):
    monkeypatch.setenv("DATABASE_URL", given)
    assert config.database_url(str(tmp_path)) == "postgresql+psycopg://u@h/db"


def test_production_cookies_are_secure(monkeypatch, tmp_path):
    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    settings = config.load(str(tmp_path))
    assert settings["SESSION_COOKIE_SECURE"] and settings["REMEMBER_COOKIE_SECURE"]
    assert settings["SESSION_COOKIE_HTTPONLY"] and settings["SESSION_COOKIE_SAMESITE"] == "Lax"


@pytest.fixture
def production(monkeypatch):
    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    for name in ("MEDIA_STORAGE", "S3_BUCKET", "S3_MEDIA_PREFIX", "S3_PROOF_PREFIX", "MEDIA_PUBLIC_URL"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_media_stays_local_by_default(production, tmp_path):
    assert config.load(str(tmp_path))["MEDIA_STORAGE"] == "local"


def test_production_refuses_s3_without_a_bucket(production, tmp_path):
    production.setenv("MEDIA_STORAGE", "s3")
    with pytest.raises(config.ConfigError, match="MEDIA_STORAGE=s3 needs S3_BUCKET"):
        config.load(str(tmp_path))
    production.setenv("S3_BUCKET", "pasar-ibu-media")
    settings = config.load(str(tmp_path))
    assert (settings["S3_BUCKET"], settings["S3_MEDIA_PREFIX"], settings["S3_PROOF_PREFIX"]) == (
        "pasar-ibu-media", "media/", "proofs/")


@pytest.mark.parametrize(("media", "proofs"), [("", "proofs/"), ("media", "media/proofs"),
                                               ("shared/", "shared")])
def test_proofs_may_never_share_the_public_prefix(production, tmp_path, media, proofs):
    production.setenv("MEDIA_STORAGE", "s3")
    production.setenv("S3_BUCKET", "pasar-ibu-media")
    production.setenv("S3_MEDIA_PREFIX", media)
    production.setenv("S3_PROOF_PREFIX", proofs)
    with pytest.raises(config.ConfigError, match="S3_PROOF_PREFIX"):
        config.load(str(tmp_path))


def test_an_unknown_media_store_is_refused(production, tmp_path):
    production.setenv("MEDIA_STORAGE", "ftp")
    with pytest.raises(config.ConfigError, match="local or s3"):
        config.load(str(tmp_path))


def test_public_base_url_follows_port_unless_set(monkeypatch, tmp_path):
    monkeypatch.delenv("PUBLIC_BASE_URL", raising=False)
    monkeypatch.delenv("PORT", raising=False)
    assert config.load(str(tmp_path))["PUBLIC_BASE_URL"] == "http://127.0.0.1:5000"
    monkeypatch.setenv("PORT", "8080")
    assert config.load(str(tmp_path))["PUBLIC_BASE_URL"] == "http://127.0.0.1:8080"
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://pasaribu.id/")
    assert config.load(str(tmp_path))["PUBLIC_BASE_URL"] == "https://pasaribu.id"


def test_make_run_prints_each_step_and_the_logins():
    from pathlib import Path

    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    for step in ("Installing the Python packages", "Bringing the database up to date",
                 "Loading the demo shop", "Pasar Ibu is at http://127.0.0.1:$(PORT)/",
                 "staf@pasaribu.test", "demo-penjual-2026", "export PORT"):
        assert step in makefile
