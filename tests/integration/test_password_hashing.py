"""The tests' cheap password hash stays in the tests: every other app hashes with scrypt."""
import pytest

from storefront import config, create_app
from storefront.accounts.models import User
from tests.conftest import TEST_PASSWORD_HASH
from tests.sqlite_only import backend  # noqa: F401 - a setting, not SQL

CHEAP = TEST_PASSWORD_HASH


@pytest.fixture
def production(monkeypatch):
    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "s" * 32)


def _hash_in(app) -> str:
    with app.app_context():
        user = User(name="Ibu Rina")
        user.set_password("rahasia-yang-panjang-123")
        return user.password_hash


@pytest.mark.parametrize("env", ["development", "production"])
def test_the_settings_hash_with_scrypt_whatever_the_environment_says(monkeypatch, tmp_path, env):
    monkeypatch.setenv("APP_ENV", env)
    monkeypatch.setenv("SECRET_KEY", "s" * 32)
    monkeypatch.setenv("PASSWORD_HASH_METHOD", CHEAP)  # not a setting read from the environment
    assert config.load(str(tmp_path))["PASSWORD_HASH_METHOD"] == "scrypt"


def test_an_app_without_test_config_hashes_with_scrypt(tmp_path):
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x",
                      "MEDIA_ROOT": str(tmp_path)})
    assert app.config["PASSWORD_HASH_METHOD"] == "scrypt"
    assert _hash_in(app).startswith("scrypt:")


def test_a_production_app_hashes_with_scrypt(production, tmp_path):
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "MEDIA_ROOT": str(tmp_path)})
    assert _hash_in(app).startswith("scrypt:")


@pytest.mark.parametrize("extra", [{}, {"TESTING": False}])
def test_the_cheap_hash_is_refused_outside_tests(tmp_path, extra):
    with pytest.raises(config.ConfigError, match="PASSWORD_HASH_METHOD"):
        create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x",
                    "PASSWORD_HASH_METHOD": CHEAP, **extra})


def test_the_cheap_hash_is_refused_in_production_even_when_testing(production):
    with pytest.raises(config.ConfigError, match="PASSWORD_HASH_METHOD"):
        create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "TESTING": True,
                    "PASSWORD_HASH_METHOD": CHEAP})


def test_the_test_apps_use_the_cheap_hash_and_it_still_checks(app, make_user):
    user = make_user()
    assert app.config["PASSWORD_HASH_METHOD"] == CHEAP
    assert user.password_hash.startswith(CHEAP + "$")
    assert user.check_password("rahasia-yang-panjang-123")
    assert not user.check_password("rahasia-yang-panjang-124")
