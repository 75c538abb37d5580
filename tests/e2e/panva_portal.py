"""A live portal whose MitID is npm oidc-provider (panva, tests/oidc_panva.mjs), for the browser
tests of what the simpler mock ignores: step-up (prompt=login, max_age) and acr_values."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NamedTuple

from flask_migrate import upgrade
from werkzeug.serving import make_server

from portal import clock, demo
from portal.extensions import db
from tests.conftest import database_reader, make_app
from tests.e2e.conftest import _read_whole_body
from tests.oidc_provider import free_port, running_panva

CLIENT = {"OIDC_CLIENT_ID": "en-plan", "OIDC_CLIENT_SECRET": "test-secret"}


class PanvaPortal(NamedTuple):
    url: str
    issuer: str
    read: object  # tests.conftest.database_reader(app)


@contextmanager
def panva_portal(directory, **settings) -> Iterator[PanvaPortal]:
    """Serve a portal with demo data on SQLite in `directory`, logging citizens in through panva."""
    provider_port = free_port()
    url = f"sqlite:///{directory / 'portal.sqlite3'}"
    app = make_app(url, OIDC_ISSUER=f"http://127.0.0.1:{provider_port}", **CLIENT, **settings)
    with app.app_context():
        upgrade()
        demo.load(db.session, today=clock.today())
        db.session.commit()
        db.session.remove()
    server = make_server("127.0.0.1", 0, _read_whole_body(app), threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    portal_url = f"http://127.0.0.1:{server.server_port}"
    client = {
        "client_id": CLIENT["OIDC_CLIENT_ID"],
        "client_secret": CLIENT["OIDC_CLIENT_SECRET"],
        "redirect_uris": [f"{portal_url}/log-ind/mitid/retur"],
        "post_logout_redirect_uris": [f"{portal_url}/logget-ud"],
    }
    try:
        with running_panva(provider_port, [client]) as provider:
            yield PanvaPortal(portal_url, provider.issuer, database_reader(app))
    finally:
        server.shutdown()
        with app.app_context():
            db.engine.dispose()


def sign_in_at_provider(page, subject: str, password: str = "any") -> None:
    """The provider's development log-in page, and its consent page the first time."""
    provider = page.url.split("/interaction/")[0]
    login_page = page.url
    page.locator("input[name=login]").fill(subject)
    page.locator("input[name=password]").fill(password)
    page.get_by_role("button", name="Sign-in").click()
    # Either the consent page (a new interaction) or straight back to the portal.
    page.wait_for_url(lambda url: url != login_page and "/auth/" not in url)
    if page.url.startswith(provider) and page.get_by_role("button", name="Continue").count():
        page.get_by_role("button", name="Continue").click()
