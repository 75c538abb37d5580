"""Production refuses to start unsafely; development and test have safe defaults."""

import pytest

from portal import config
from portal.config import ConfigError


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    for name in ("PORTAL_ENV", "PORTAL_DATABASE_URL", "PORTAL_SECRET_KEY", "PORTAL_DEMO_LOGIN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PORTAL_CPR_KEY", "c" * 32)  # production needs one; tested below


def test_production_needs_a_secret_key(monkeypatch):
    monkeypatch.setenv("PORTAL_ENV", "production")
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        config.load()


@pytest.mark.parametrize(
    ("env", "variable", "shown"),
    [
        ("development", None, True),
        ("test", None, True),
        ("production", None, False),
        ("development", "0", False),
        ("test", "0", False),
        ("production", "0", False),
        ("development", "1", True),
        ("production", "1", True),  # only when asked for (a public demonstration)
    ],
)
def test_when_the_demo_login_shows(monkeypatch, env, variable, shown):
    monkeypatch.setenv("PORTAL_ENV", env)
    monkeypatch.setenv("PORTAL_SECRET_KEY", "x" * 32)
    if variable is not None:
        monkeypatch.setenv("PORTAL_DEMO_LOGIN", variable)
    assert config.load()["DEMO_LOGIN"] is shown


def test_production_needs_a_cpr_key(monkeypatch):
    monkeypatch.setenv("PORTAL_ENV", "production")
    monkeypatch.setenv("PORTAL_SECRET_KEY", "x" * 32)
    monkeypatch.delenv("PORTAL_CPR_KEY")
    with pytest.raises(ConfigError, match="PORTAL_CPR_KEY"):
        config.load()
    monkeypatch.setenv("PORTAL_CPR_KEY", "k" * 32)
    assert config.load()["CPR_KEY"] == "k" * 32


@pytest.mark.parametrize("env", ["development", "test"])
def test_development_and_test_derive_a_cpr_key_from_the_secret_key(monkeypatch, env):
    monkeypatch.setenv("PORTAL_ENV", env)
    monkeypatch.delenv("PORTAL_CPR_KEY")
    key = config.load()["CPR_KEY"]
    assert key and key != config.load()["SECRET_KEY"]
    monkeypatch.setenv("PORTAL_SECRET_KEY", "another secret")
    assert config.load()["CPR_KEY"] != key


def test_production_settings(monkeypatch):
    monkeypatch.setenv("PORTAL_ENV", "production")
    monkeypatch.setenv("PORTAL_SECRET_KEY", "x" * 32)
    monkeypatch.setenv("PORTAL_DATABASE_URL", "postgresql+psycopg://db/portal")
    settings = config.load()
    assert settings["DEMO_LOGIN"] is False
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["SESSION_COOKIE_HTTPONLY"] is True
    assert settings["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert settings["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://db/portal"


def test_development_defaults_to_sqlite_in_the_instance_folder(tmp_path):
    settings = config.load(instance_path=str(tmp_path))
    assert settings["ENV_NAME"] == "development"
    assert settings["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'portal.sqlite3'}"
    assert settings["DEMO_LOGIN"] is True


def test_demo_login_can_be_switched_off_and_unknown_envs_are_refused(monkeypatch):
    monkeypatch.setenv("PORTAL_DEMO_LOGIN", "0")
    assert config.load()["DEMO_LOGIN"] is False
    monkeypatch.setenv("PORTAL_ENV", "staging")
    with pytest.raises(ConfigError):
        config.load()
