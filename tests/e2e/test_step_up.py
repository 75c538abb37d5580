"""Step-up against a provider that honours it (npm oidc-provider, panva: tests/oidc_panva.mjs):
giving a fuldmagt asks a citizen who logged in with MitID to log in again (prompt=login,
max_age), and the portal checks the new log-in's auth_time and subject."""

from __future__ import annotations

import threading
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from flask_migrate import upgrade
from playwright.sync_api import expect
from sqlalchemy import func, select
from werkzeug.serving import make_server

from portal import clock, demo
from portal.extensions import db
from portal.models import Fuldmagt
from tests.conftest import database_reader, make_app
from tests.e2e.conftest import DESKTOP, PHONE, _read_whole_body, assert_accessible, fill_date
from tests.oidc_provider import free_port, running_panva

SE = "Se: læse din plan, dit møde, dine samtaler og dine resultater"
CLIENT = {"OIDC_CLIENT_ID": "en-plan", "OIDC_CLIENT_SECRET": "test-secret"}


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    """(portal URL, provider issuer, database reader): a live portal whose MitID is panva."""
    provider_port = free_port()
    url = f"sqlite:///{tmp_path_factory.mktemp('step-up') / 'portal.sqlite3'}"
    app = make_app(url, OIDC_ISSUER=f"http://127.0.0.1:{provider_port}", **CLIENT)
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
    with running_panva(provider_port, [client]) as provider:
        yield portal_url, provider.issuer, database_reader(app)
    server.shutdown()
    with app.app_context():
        db.engine.dispose()


def _sign_in_at_provider(page, subject: str) -> None:
    page.locator("input[name=login]").fill(subject)
    page.locator("input[name=password]").fill("any")
    page.get_by_role("button", name="Sign-in").click()
    continue_button = page.get_by_role("button", name="Continue")
    page.wait_for_load_state("load")
    if continue_button.count():  # the provider's consent page, the first time only
        continue_button.click()


def _log_in(page, portal_url: str, subject: str) -> None:
    page.goto(f"{portal_url}/log-ind?lang=da")
    page.get_by_role("button", name="Log ind med MitID").click()
    _sign_in_at_provider(page, subject)
    page.wait_for_url(f"{portal_url}/")


def _fill_grant(page) -> None:
    """Name Birgit, choose "se", and give it from the check page."""
    page.get_by_label("Personens fulde navn").fill("Birgit Holm")
    page.get_by_label("Personens CPR-nummer").fill("990101-3002")
    page.get_by_label(SE).check()
    fill_date(page, "Sidste dag fuldmagten gælder", clock.today() + timedelta(days=30))
    page.get_by_role("button", name="Giv fuldmagt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tjek fuldmagten, før du giver den")


def _count(read) -> int:
    return read(lambda s: s.scalar(select(func.count()).select_from(Fuldmagt)))


def test_giving_a_fuldmagt_needs_a_fresh_log_in(browser, portal):
    portal_url, issuer, read = portal
    context = browser.new_context(locale="da-DK")
    page = context.new_page()
    asked = []
    page.on("request", lambda r: asked.append(r.url) if r.url.startswith(f"{issuer}/auth?") else 0)
    try:
        _log_in(page, portal_url, "demo-hanne")
        page.goto(f"{portal_url}/fuldmagt/ny")
        before = _count(read)
        # Without confirming first, giving the fuldmagt is refused and nothing is given.
        _fill_grant(page)
        page.get_by_role("button", name="Giv fuldmagt").click()
        expect(page.locator(".error-summary")).to_contain_text("logge ind med MitID igen")
        assert _count(read) == before
        # Confirm: the provider asks for the log-in again, although its session is still open.
        page.get_by_role("button", name="Bekræft med MitID").click()
        expect(page.locator("input[name=login]")).to_be_visible()
        _sign_in_at_provider(page, "demo-hanne")
        page.wait_for_url(f"{portal_url}/fuldmagt/ny")
        step_up = parse_qs(urlsplit(asked[-1]).query)
        assert step_up["prompt"] == ["login"] and step_up["max_age"] == ["300"]
        expect(page.get_by_role("button", name="Bekræft med MitID")).to_have_count(0)
        _fill_grant(page)
        page.get_by_role("button", name="Giv fuldmagt").click()
        expect(page.get_by_role("heading", name="Fuldmagten er givet")).to_be_visible()
        assert _count(read) == before + 1
    finally:
        context.close()


def test_someone_else_cannot_confirm_for_the_citizen(browser, portal):
    portal_url, _, _ = portal
    context = browser.new_context(locale="da-DK")
    page = context.new_page()
    try:
        _log_in(page, portal_url, "demo-gitte")
        page.goto(f"{portal_url}/fuldmagt/ny")
        page.get_by_role("button", name="Bekræft med MitID").click()
        _sign_in_at_provider(page, "demo-jens")
        page.wait_for_url(f"{portal_url}/log-ind/mitid/retur**")
        expect(page.get_by_role("heading", level=1)).to_have_text("Log ind lykkedes ikke")
        # Gitte is still herself, and still asked to confirm.
        page.goto(f"{portal_url}/fuldmagt/ny")
        expect(page.get_by_role("button", name="Bekræft med MitID")).to_be_visible()
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_step_up_notice_is_accessible(browser, axe, portal, viewport, lang):
    portal_url, _, _ = portal
    context = browser.new_context(locale="da-DK", viewport=viewport)
    page = context.new_page()
    try:
        _log_in(page, portal_url, "demo-sofie")
        page.goto(f"{portal_url}/fuldmagt/ny?lang={lang}")
        assert page.locator("form[action='/log-ind/mitid/bekraeft']").count() == 1
        assert_accessible(axe, page)
    finally:
        context.close()
