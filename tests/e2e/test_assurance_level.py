"""The assurance level against a provider that honours `acr_values` (npm oidc-provider, panva:
tests/oidc_panva.mjs): with PORTAL_OIDC_ACR set, the portal asks for that level, a log-in at it
gets in, and a log-in that reached only a lower level is refused calmly with nobody logged in."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.panva_portal import panva_portal, sign_in_at_provider

SUBSTANTIAL = "https://data.gov.dk/concept/core/nsis/loa/Substantial"


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    with panva_portal(tmp_path_factory.mktemp("acr"), OIDC_ACR=SUBSTANTIAL) as served:
        yield served


def _start_log_in(page, portal) -> list[str]:
    """Press "Log ind med MitID"; return the list that collects the requests to the provider."""
    asked: list[str] = []
    page.on("request", lambda r: r.url.startswith(f"{portal.issuer}/auth?") and asked.append(r.url))
    page.goto(f"{portal.url}/log-ind?lang=da")
    page.get_by_role("button", name="Log ind med MitID").click()
    return asked


def test_a_log_in_at_the_level_asked_for_gets_in(browser, portal):
    context = browser.new_context(locale="da-DK")
    page = context.new_page()
    try:
        asked = _start_log_in(page, portal)
        sign_in_at_provider(page, "demo-hanne")
        page.wait_for_url(f"{portal.url}/")
        assert parse_qs(urlsplit(asked[0]).query)["acr_values"] == [SUBSTANTIAL]
        expect(page.get_by_role("heading", level=1)).to_contain_text("Hanne")
    finally:
        context.close()


def test_a_log_in_below_the_level_is_refused(browser, portal):
    context = browser.new_context(locale="da-DK")
    page = context.new_page()
    try:
        _start_log_in(page, portal)
        sign_in_at_provider(page, "demo-jens", password="low")
        page.wait_for_url(f"{portal.url}/log-ind/mitid/retur**")
        expect(page.get_by_role("heading", level=1)).to_have_text("Log ind lykkedes ikke")
        # Nobody is logged in: the plan sends the person to the log-in page.
        page.goto(f"{portal.url}/plan")
        expect(page).to_have_url(f"{portal.url}/log-ind?next=/plan")
    finally:
        context.close()
