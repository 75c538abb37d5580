"""Log-in through a real OpenID provider in the browser: a citizen with MitID and a caseworker
through the staff provider, with JavaScript on and off; the new pages pass axe on a phone and a
desktop, in Danish and English."""

from __future__ import annotations

import threading

import pytest
from flask_migrate import upgrade
from werkzeug.serving import make_server

from portal import clock, demo
from portal.extensions import db
from tests.conftest import make_app
from tests.e2e.conftest import DESKTOP, PHONE, _read_whole_body, assert_accessible
from tests.oidc_provider import running_provider


@pytest.fixture(scope="module")
def providers():
    with running_provider() as citizen, running_provider() as staff:
        yield citizen, staff


@pytest.fixture(scope="module")
def portal_url(providers, tmp_path_factory):
    """A live portal of its own with both providers configured (and the demo log-in)."""
    citizen, staff = providers
    url = f"sqlite:///{tmp_path_factory.mktemp('oidc') / 'portal.sqlite3'}"
    app = make_app(url, **citizen.settings("OIDC"), **staff.settings("STAFF_OIDC"))
    with app.app_context():
        upgrade()
        demo.load(db.session, today=clock.today())
        db.session.commit()
        db.session.remove()
    server = make_server("127.0.0.1", 0, _read_whole_body(app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    with app.app_context():
        db.engine.dispose()


def _log_in_at_provider(page, portal_url: str, button: str, subject: str, lang="da") -> None:
    page.goto(f"{portal_url}/log-ind?lang={lang}")
    page.get_by_role("button", name=button).click()
    page.locator("input[name=sub]").fill(subject)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(lambda url: url.startswith(portal_url))


def test_a_citizen_logs_in_with_mitid_and_out_again(page, portal_url, providers):
    _log_in_at_provider(page, portal_url, "Log ind med MitID", "demo-hanne")
    assert page.url == f"{portal_url}/"
    assert page.get_by_text("Hanne").first.is_visible()
    page.goto(f"{portal_url}/log-ud")
    page.get_by_role("button", name="Log ud").click()
    # The provider's end-session page, then back to the portal's "logged out" page.
    page.wait_for_url(lambda url: url.startswith(providers[0].issuer))
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(f"{portal_url}/logget-ud**")
    assert page.get_by_role("heading", level=1).inner_text() == "Du er logget ud"
    page.goto(f"{portal_url}/plan")
    assert "/log-ind" in page.url


def test_a_caseworker_logs_in_through_the_staff_provider(page, portal_url):
    _log_in_at_provider(page, portal_url, "Log ind som medarbejder", "demo-anders")
    assert page.url.startswith(f"{portal_url}/medarbejder")


def test_an_unknown_person_is_told_whom_to_call(page, portal_url):
    _log_in_at_provider(page, portal_url, "Log ind med MitID", "nobody-we-know")
    assert page.get_by_role("heading", level=1).inner_text() == "Vi kan ikke finde dig i Én plan"
    page.goto(f"{portal_url}/plan")
    assert "/log-ind" in page.url


def test_the_core_path_works_without_javascript(browser, portal_url):
    context = browser.new_context(java_script_enabled=False, locale="da-DK")
    page = context.new_page()
    try:
        _log_in_at_provider(page, portal_url, "Log ind med MitID", "demo-laerke")
        assert page.url == f"{portal_url}/"
        assert page.get_by_text("Lærke").first.is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_new_pages_are_accessible(page, axe, portal_url, viewport, lang):
    page.set_viewport_size(viewport)
    page.goto(f"{portal_url}/log-ind?lang={lang}")  # with the providers' buttons
    assert_accessible(axe, page)
    button = "Log ind med MitID" if lang == "da" else "Log in with MitID"
    _log_in_at_provider(page, portal_url, button, "nobody-we-know", lang=lang)
    assert page.locator("html").get_attribute("lang") == lang
    assert_accessible(axe, page)  # the unknown person's page
    page.goto(f"{portal_url}/log-ind/mitid/retur?code=x&state=y")
    assert_accessible(axe, page)  # the refused log-in's page
