"""Configuration read from the environment.

PORTAL_ENV picks the profile (development | test | production). Production refuses to start
without a secret key, a CPR key and the audit trail's sealing keys. The demo log-in is on in
development and test unless PORTAL_DEMO_LOGIN=0, and in production only with PORTAL_DEMO_LOGIN=1
(a public demonstration; create_app warns).
"""

from __future__ import annotations

import os
from pathlib import Path

from portal.org import DEMO, SETTINGS, Organisation
from portal.retention import SETTINGS as RETENTION_SETTINGS
from portal.retention import RetentionPeriods, RetentionSettingError
from portal.seal_keys import SealKeyError, SealKeys
from portal.services.cpr import derived_key


class ConfigError(RuntimeError):
    """The environment describes a configuration the portal must not run with."""


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


class Config:
    ENV_NAME = "base"
    SECRET_KEY: str | None = None
    # The key CPR numbers are hashed with (portal/services/cpr.py); production must set it.
    CPR_KEY: str | None = None
    # The keys the audit trail's seals are made with (portal/seal_keys.py), "id:secret;...";
    # production must set them. The app reads them as one value, settings["AUDIT_SEAL_KEYS"].
    AUDIT_SEAL_KEYS: str | None = None
    SQLALCHEMY_DATABASE_URI: str | None = None
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    DEMO_LOGIN = False
    SECURE_TRANSPORT = True  # Secure cookies and HSTS

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_NAME = "enplan_session"
    PERMANENT_SESSION_LIFETIME = 30 * 60  # seconds of inactivity before a new login is needed
    SESSION_WARNING_SECONDS = 5 * 60  # warn this long before the session ends (WCAG 2.2.1)
    SESSION_MAX_HOURS = 8.0  # a log-in ends this long after it began, however busy
    # Sessions live on the server (portal/web/sessions.py): in Redis when this is set, else in
    # the database. Rate limits use the same Redis (else each process counts on its own).
    REDIS_URL = ""
    REDIS_PREFIX = "enplan"  # keys are "<prefix>:..."; lets several portals share one Redis
    PROXY_FIX = 0  # how many proxies in front set X-Forwarded-* (0: trust none of them)
    # The bearer token a Prometheus scraper sends to /metrics (portal/web/metrics.py); unset,
    # the metrics are off and /metrics is a 404.
    METRICS_TOKEN = ""

    # Rate limits (portal/web/limits.py), in Flask-Limiter's notation, ";" between several.
    RATELIMIT_ENABLED = True
    # Per address: a job centre's or a town hall's network may show many people as one address.
    RATELIMIT_LOGIN = "20 per minute;200 per hour"  # log-in starts
    RATELIMIT_LOGIN_RETURN = "30 per minute;300 per hour"  # the providers' answers
    RATELIMIT_CHANGES = "60 per minute;600 per hour"  # state-changing requests, per person
    RATELIMIT_READABILITY = "30 per minute;300 per hour"  # the language check, per person
    RATELIMIT_CALLBACK = "5 per hour;10 per day"  # "Ring mig op", per person
    RATELIMIT_LOOKUP = "10 per hour;20 per day"  # the fuldmagt holder look-up, per person
    # Page views by visitors not logged in, per address: six times the log-in limit, as a visit
    # shows about six pages without a log-in (the front page, which sends them on to the log-in
    # page, that page, its other language, a help page, the page after logging out), so an
    # address that may log in 20 people a minute (one network for a whole job centre or town
    # hall) may also show them those pages.
    RATELIMIT_ANONYMOUS_VIEWS = "120 per minute;1200 per hour"

    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session; pages may stay open
    BABEL_DEFAULT_LOCALE = "da"
    BABEL_DEFAULT_TIMEZONE = "Europe/Copenhagen"
    LANGUAGES = ("da", "en")
    MAX_CONTENT_LENGTH = 1024 * 1024

    # The organisation behind the portal (portal/org.py): the demo municipality unless the
    # environment's PORTAL_ORG_* say otherwise. The app reads them as one value,
    # settings["ORGANISATION"].
    ORG_NAME = DEMO.name
    ORG_JOBCENTER = DEMO.jobcenter
    ORG_ADDRESS = DEMO.address
    ORG_PHONE = DEMO.phone
    ORG_HOURS = DEMO.hours
    ORG_EMAIL = DEMO.email
    ORG_APPEAL_URL = DEMO.appeal_url
    ORG_DPO_EMAIL = DEMO.dpo_email
    ORG_APPEAL_ADDRESS = DEMO.appeal_address
    ORG_APPEAL_CHANNEL = DEMO.appeal_channel
    ORG_LOGO = DEMO.logo

    # How long each kind of personal data is kept (portal/retention.py), in days; the app reads
    # them as one value, settings["RETENTION"], which the privacy notice and `flask retention` use.
    RETENTION_AUDIT_DAYS = RetentionPeriods.audit_days
    RETENTION_NOTIFICATIONS_DAYS = RetentionPeriods.notifications_days
    RETENTION_PREPARATION_DAYS = RetentionPeriods.preparation_days

    # Log-in through OpenID Connect (portal/web/oidc.py). A provider is configured when its
    # issuer and client id are set; its button then shows on /log-ind.
    OIDC_ISSUER = ""  # citizens: MitID through a broker
    OIDC_CLIENT_ID = ""
    OIDC_CLIENT_SECRET = ""
    OIDC_CPR_CLAIM = "cpr"  # the claim holding the CPR number, matched at a first log-in
    OIDC_SCOPE = "openid"  # what to ask the broker for (e.g. the scope that releases the CPR)
    OIDC_ACR = ""  # the assurance level to ask for and require (e.g. NSIS "Substantial")
    STAFF_OIDC_ISSUER = ""  # caseworkers: the municipality's identity provider
    STAFF_OIDC_CLIENT_ID = ""
    STAFF_OIDC_CLIENT_SECRET = ""
    STAFF_OIDC_CLAIM = "email"  # the claim matched against a caseworker's staff key
    STAFF_OIDC_SCOPE = "openid email"
    OIDC_LEEWAY_SECONDS = 60  # clock skew tolerated on the ID token's times

    # Notifications (portal/services/notifications/): with neither SMTP nor SMS configured,
    # nothing leaves the machine and the worker only logs each message's id and key.
    SMTP_HOST = ""
    SMTP_PORT = "25"
    SMTP_STARTTLS = ""
    SMTP_USER = ""
    SMTP_PASSWORD = ""
    MAIL_FROM = ""
    SMS_URL = ""
    SMS_KEY = ""
    QUIET_HOURS = "21-09"  # Danish time; reminders and notices wait until the end
    # The worker's heartbeat for the node exporter's textfile collector (a `.prom` file per
    # worker): portal/services/notifications/heartbeat.py. Empty: none is written.
    NOTIFY_METRICS_FILE = ""
    DEV_MESSAGES_PAGE = False  # /udvikling/beskeder: every rendered message (development only)

    @classmethod
    def from_environment(cls) -> dict:
        """Return the settings of this profile with the environment applied."""
        settings = {k: getattr(cls, k) for k in dir(cls) if k.isupper()}
        if url := os.environ.get("PORTAL_DATABASE_URL"):
            settings["SQLALCHEMY_DATABASE_URI"] = url
        if key := os.environ.get("PORTAL_SECRET_KEY"):
            settings["SECRET_KEY"] = key
        if key := os.environ.get("PORTAL_CPR_KEY", "").strip():
            settings["CPR_KEY"] = key
        if keys := os.environ.get("PORTAL_AUDIT_SEAL_KEYS", "").strip():
            settings["AUDIT_SEAL_KEYS"] = keys
        if "PORTAL_DEMO_LOGIN" in os.environ:
            settings["DEMO_LOGIN"] = _flag("PORTAL_DEMO_LOGIN")
        for name in (*_OIDC_SETTINGS, *_TEXT_SETTINGS):
            if value := os.environ.get(f"PORTAL_{name}", "").strip():
                settings[name] = value
        for name in _NOTIFY_SETTINGS:
            if value := os.environ.get(f"PORTAL_{name}", "").strip():
                settings[name] = value
        if "PORTAL_RATELIMIT_ENABLED" in os.environ:
            settings["RATELIMIT_ENABLED"] = _flag("PORTAL_RATELIMIT_ENABLED")
        settings["SESSION_MAX_HOURS"] = _number("PORTAL_SESSION_MAX_HOURS", settings)
        settings["PROXY_FIX"] = int(_number("PORTAL_PROXY_FIX", settings))
        for name in (*SETTINGS.values(), *RETENTION_SETTINGS.values()):
            if value := os.environ.get(f"PORTAL_{name}", "").strip():
                settings[name] = value
        return settings


_OIDC_SETTINGS = (
    "OIDC_ISSUER",
    "OIDC_CLIENT_ID",
    "OIDC_CLIENT_SECRET",
    "OIDC_CPR_CLAIM",
    "OIDC_SCOPE",
    "OIDC_ACR",
    "STAFF_OIDC_ISSUER",
    "STAFF_OIDC_CLIENT_ID",
    "STAFF_OIDC_CLIENT_SECRET",
    "STAFF_OIDC_CLAIM",
    "STAFF_OIDC_SCOPE",
)

_NOTIFY_SETTINGS = (
    "SMTP_HOST",
    "SMTP_PORT",
    "SMTP_STARTTLS",
    "SMTP_USER",
    "SMTP_PASSWORD",
    "MAIL_FROM",
    "SMS_URL",
    "SMS_KEY",
    "QUIET_HOURS",
    "NOTIFY_METRICS_FILE",
)


_TEXT_SETTINGS = (
    "REDIS_URL",
    "REDIS_PREFIX",
    "RATELIMIT_LOGIN",
    "RATELIMIT_LOGIN_RETURN",
    "RATELIMIT_CHANGES",
    "RATELIMIT_READABILITY",
    "RATELIMIT_CALLBACK",
    "RATELIMIT_LOOKUP",
    "RATELIMIT_ANONYMOUS_VIEWS",
    "METRICS_TOKEN",
)


def _number(name: str, settings: dict) -> float:
    """A positive number from the environment (or the profile's), refused when it is not one."""
    key = name.removeprefix("PORTAL_")
    raw = os.environ.get(name, "").strip()
    if not raw:
        return settings[key]
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number, not {raw!r}.") from None
    if value < 0 or (key == "SESSION_MAX_HOURS" and value == 0):
        raise ConfigError(f"{name} must be more than 0, not {raw!r}.")
    return value


def _seal_keys(value: str | SealKeys | None) -> SealKeys:
    """The audit seal keys as one value (already one when a test's overrides gave them so)."""
    if isinstance(value, SealKeys):
        return value
    if not value:
        # Only production gets here (development and test have a fixed key that is no secret).
        # Not derived from the secret key: rotating that would leave every seal uncheckable.
        raise ConfigError("PORTAL_AUDIT_SEAL_KEYS must be set in production.")
    try:
        return SealKeys.parse(value)
    except SealKeyError as wrong:
        raise ConfigError(str(wrong)) from None


class DevelopmentConfig(Config):
    ENV_NAME = "development"
    SECRET_KEY = "development-only-not-secret"  # noqa: S105 - never used outside development
    AUDIT_SEAL_KEYS = "dev:development-and-test-only-not-a-secret"
    DEMO_LOGIN = True
    SECURE_TRANSPORT = False
    DEV_MESSAGES_PAGE = True


class TestConfig(Config):
    ENV_NAME = "test"
    TESTING = True
    SECRET_KEY = "test-only-not-secret"  # noqa: S105
    AUDIT_SEAL_KEYS = "dev:development-and-test-only-not-a-secret"
    DEMO_LOGIN = True
    SECURE_TRANSPORT = False
    # One app serves the whole test run, so counters would carry from test to test: the limits
    # are tested with apps that turn them on (tests/functional/test_rate_limits.py).
    RATELIMIT_ENABLED = False


class ProductionConfig(Config):
    ENV_NAME = "production"


PROFILES = {
    "development": DevelopmentConfig,
    "test": TestConfig,
    "production": ProductionConfig,
}


def load(overrides: dict | None = None, instance_path: str | None = None) -> dict:
    """Settings for the profile named by PORTAL_ENV (or overrides['ENV_NAME'])."""
    overrides = dict(overrides or {})
    env_name = overrides.pop("ENV_NAME", None) or os.environ.get("PORTAL_ENV", "development")
    try:
        profile = PROFILES[env_name]
    except KeyError:
        raise ConfigError(
            f"PORTAL_ENV must be one of {sorted(PROFILES)}, not {env_name!r}."
        ) from None
    settings = profile.from_environment()
    settings.update(overrides)
    if env_name == "production" and not settings.get("SECRET_KEY"):
        raise ConfigError("PORTAL_SECRET_KEY must be set in production.")
    if not settings.get("CPR_KEY"):
        if env_name == "production":
            # A key derived from the secret key would change when that key is rotated, and
            # every stored CPR hash would then match nobody.
            raise ConfigError("PORTAL_CPR_KEY must be set in production.")
        settings["CPR_KEY"] = derived_key(settings["SECRET_KEY"])
    settings["AUDIT_SEAL_KEYS"] = _seal_keys(settings.get("AUDIT_SEAL_KEYS"))
    if not settings.get("SQLALCHEMY_DATABASE_URI"):
        folder = Path(instance_path or "instance")
        settings["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{folder / 'portal.sqlite3'}"
    settings["ENV_NAME"] = env_name
    settings["ORGANISATION"] = Organisation.from_settings(settings)
    try:
        settings["RETENTION"] = RetentionPeriods.from_settings(settings)
    except RetentionSettingError as wrong:
        raise ConfigError(str(wrong)) from None
    settings["SESSION_COOKIE_SECURE"] = bool(settings["SECURE_TRANSPORT"])
    return settings
