"""Én plan: the citizen portal for Danish job centres."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import BaseConverter, IntegerConverter

from portal import config as portal_config


class BoundedIntConverter(IntegerConverter):
    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(map, *args, **kwargs)


class CitizenIdConverter(BaseConverter):
    """`<citizen_id:citizen_id>` in caseworker URLs: any segment matches, and what is not a usable
    id becomes 0, which is nobody. An unknown, odd or foreign id is then refused by the access
    policy exactly like another caseload's citizen, audited, instead of a routing 404 that would
    tell which ids exist."""

    regex = r"[^/]{1,40}"

    def to_python(self, value: str) -> int:
        from portal.forms.fields import parse_id

        return parse_id(value) or 0

    def to_url(self, value) -> str:
        return str(value)


def create_app(config: dict | None = None) -> Flask:
    """Build the app: settings, extensions, security, access guard, blueprints, CLI."""
    # /static/ serves what scripts/build_assets.py built (WhiteNoise, portal/web/static_files.py).
    app = Flask(
        __name__,
        instance_relative_config=True,
        static_folder="static/dist",
        static_url_path="/static",
    )
    # Ids in URLs stay within what the databases store; larger ones are simply not found.
    app.url_map.converters["int"] = BoundedIntConverter
    app.url_map.converters["citizen_id"] = CitizenIdConverter
    app.config.update(portal_config.load(config, instance_path=app.instance_path))
    from portal.services import cpr

    cpr.use_key(app.config["CPR_KEY"])
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///"):
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    if proxies := app.config["PROXY_FIX"]:
        # Behind a TLS proxy: believe that many proxies' X-Forwarded-For/-Proto/-Host/-Port/
        # -Prefix, so redirect addresses, Secure cookies and rate limits see the real request.
        app.wsgi_app = ProxyFix(
            app.wsgi_app,
            x_for=proxies,
            x_proto=proxies,
            x_host=proxies,
            x_port=proxies,
            x_prefix=proxies,
        )

    from portal import cli
    from portal.extensions import babel, csrf, db, migrate
    from portal.web import (
        errors,
        guard,
        htmx,
        i18n,
        limits,
        metrics,
        oidc,
        request_log,
        security,
        sessions,
        static_files,
        step_up,
        templating,
        unit_of_work,
    )

    static_files.install(app)  # first: its compression must run after every other hook
    request_log.install(app)  # next: the request id is set before, and logged after, the rest
    if app.config["ENV_NAME"] == "production" and app.config["DEMO_LOGIN"]:
        # After the log configuration: Flask's own handler would otherwise be added first.
        app.logger.warning("PORTAL_DEMO_LOGIN=1: anyone can log in as the demo people")
    db.init_app(app)
    metrics.install(app)  # after the database: it counts the statements the engine sends
    migrate.init_app(
        app, db, directory=str(Path(__file__).parent.parent / "migrations"), render_as_batch=True
    )
    sessions.install(app)
    csrf.init_app(app)
    oidc.install(app)
    htmx.install(app)
    babel.init_app(app, locale_selector=i18n.select_locale, timezone_selector=i18n.select_timezone)

    security.install(app)
    i18n.install(app)
    limits.install_view_count(app)  # before the guard: its redirects to the log-in page count
    guard.install(app)
    templating.install(app)
    step_up.install(app)
    errors.install(app)
    cli.install(app)

    from portal.blueprints import register_all

    register_all(app)
    unit_of_work.install(app)
    limits.install(app)  # after the unit of work: a refused attempt never reaches the view
    return app
