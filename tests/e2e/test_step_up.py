"""Step-up against a provider that honours it (npm oidc-provider, panva: tests/oidc_panva.mjs):
giving a fuldmagt asks a citizen who logged in with MitID to log in again (prompt=login,
max_age), and the portal checks the new log-in's auth_time and subject."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from portal import clock
from portal.models import Fuldmagt
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, fill_date
from tests.e2e.panva_portal import panva_portal, sign_in_at_provider

SE = "Se: læse din plan, dit møde, dine samtaler og dine resultater"


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    """(portal URL, provider issuer, database reader): a live portal whose MitID is panva."""
    with panva_portal(tmp_path_factory.mktemp("step-up")) as served:
        yield served


def _log_in(page, portal_url: str, subject: str) -> None:
    page.goto(f"{portal_url}/log-ind?lang=da")
    page.get_by_role("button", name="Log ind med MitID").click()
    sign_in_at_provider(page, subject)
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
        sign_in_at_provider(page, "demo-hanne")
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
        sign_in_at_provider(page, "demo-jens")
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
