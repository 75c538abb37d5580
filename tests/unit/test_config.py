"""Production refuses to start unsafely; development and test have safe defaults."""

import pytest

from portal import config
from portal.config import ConfigError
from portal.seal_keys import SealKeys


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    for name in ("PORTAL_ENV", "PORTAL_DATABASE_URL", "PORTAL_SECRET_KEY", "PORTAL_DEMO_LOGIN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PORTAL_CPR_KEY", "c" * 32)  # production needs one; tested below
    monkeypatch.setenv("PORTAL_AUDIT_SEAL_KEYS", "2026a:" + "s" * 32)  # this one too


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


def test_production_needs_audit_seal_keys(monkeypatch):
    monkeypatch.setenv("PORTAL_ENV", "production")
    monkeypatch.setenv("PORTAL_SECRET_KEY", "x" * 32)
    monkeypatch.delenv("PORTAL_AUDIT_SEAL_KEYS")
    with pytest.raises(ConfigError, match="PORTAL_AUDIT_SEAL_KEYS must be set in production"):
        config.load()
    monkeypatch.setenv("PORTAL_AUDIT_SEAL_KEYS", "   ")
    with pytest.raises(ConfigError, match="PORTAL_AUDIT_SEAL_KEYS must be set in production"):
        config.load()
    new, old = "n" * 32, "o" * 40
    monkeypatch.setenv("PORTAL_AUDIT_SEAL_KEYS", f" 2026a:{new} ; 2025b:{old};")
    keys = config.load()["AUDIT_SEAL_KEYS"]
    assert (keys.sealing_id, keys.ids) == ("2026a", ("2026a", "2025b"))
    assert keys.mac("2025b", b"m") == SealKeys.parse(f"x:{old}").mac("x", b"m")
    assert new not in repr(keys) and old not in repr(keys)  # printing settings shows no secret


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("no-colon-" + "s" * 32, "must be written id:secret"),
        (":" + "s" * 32, "must be written id:secret"),
        ("bad id:" + "s" * 32, "must be written id:secret"),
        ("2026a:too-short-secret", "at least 32 characters"),
        ("2026a:" + "s" * 32 + ";2026a:" + "t" * 32, "given twice"),
        (";;", "names no key"),
    ],
)
def test_unusable_audit_seal_keys_are_refused_without_showing_a_secret(monkeypatch, value, why):
    monkeypatch.setenv("PORTAL_ENV", "production")
    monkeypatch.setenv("PORTAL_SECRET_KEY", "x" * 32)
    monkeypatch.setenv("PORTAL_AUDIT_SEAL_KEYS", value)
    with pytest.raises(ConfigError, match=why) as refused:
        config.load()
    assert "s" * 32 not in str(refused.value) and "too-short-secret" not in str(refused.value)


@pytest.mark.parametrize("env", ["development", "test"])
def test_development_and_test_seal_with_a_fixed_key_that_is_no_secret(monkeypatch, env):
    monkeypatch.setenv("PORTAL_ENV", env)
    monkeypatch.delenv("PORTAL_AUDIT_SEAL_KEYS")
    assert config.load()["AUDIT_SEAL_KEYS"].ids == ("dev",)
    monkeypatch.setenv("PORTAL_AUDIT_SEAL_KEYS", "mine:" + "m" * 32)
    assert config.load()["AUDIT_SEAL_KEYS"].ids == ("mine",)
