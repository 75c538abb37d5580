"""The header and the page's structure in a real browser: the menu fits one line at 1280 px and
"Mere" opens on a phone (also without JavaScript), a form error puts the focus on the error
summary and "Fejl:" in the title, and axe finds nothing with the menu open, in both languages."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, log_in_as


def _nav(page):
    return page.get_by_role("navigation", name="Hovedmenu")


def test_the_menu_fits_one_line_at_1280(page):
    page.set_viewport_size(DESKTOP)
    log_in_as(page, "Hanne")
    tops = page.locator(".main-nav .container > ul > li").evaluate_all(
        "items => items.map(li => li.getBoundingClientRect().top)"
    )
    assert len(tops) <= 6 and len(set(tops)) == 1, tops


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_mere_opens_on_a_phone(browser, base_url, javascript):
    context = browser.new_context(java_script_enabled=javascript, base_url=base_url, viewport=PHONE)
    page = context.new_page()
    try:
        log_in_as(page, "Hanne")
        link = _nav(page).get_by_role("link", name="Fuldmagt")
        expect(link).to_be_hidden()
        _nav(page).get_by_text("Mere").click()
        expect(link).to_be_visible()
        link.click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Fuldmagt")
    finally:
        context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_form_error_takes_the_focus_and_names_the_title(browser, base_url, javascript):
    context = browser.new_context(java_script_enabled=javascript, base_url=base_url)
    page = context.new_page()
    try:
        log_in_as(page, "Sofie")
        page.goto("/samtaler/book")
        page.locator(".day-list a").last.click()
        expect(page.locator(".day-list a").last).to_have_attribute("aria-current", "true")
        page.locator("input[name=tid]").first.check()
        page.get_by_role("button", name="Vælg tiden").click()
        page.get_by_label("Besked til din sagsbehandler (kan udelades)").fill("x" * 501)
        page.get_by_role("button", name="Fortsæt").click()
        expect(page.locator("#error-summary")).to_be_focused()
        assert page.title().startswith("Fejl: ")
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_header_and_open_menu_are_accessible(page, axe, viewport, lang):
    page.set_viewport_size(viewport)
    log_in_as(page, "Hanne")
    page.goto(f"/plan?lang={lang}")
    # Who sends it is visible on a phone too: the municipality's logo and name, the job centre.
    expect(page.locator(".portal-logo img")).to_be_visible()
    expect(page.locator(".portal-logo-name")).to_have_text("Åby Kommune")
    expect(page.locator(".solution-info .authority-name")).to_have_text("Jobcenter Åby")
    logo = page.locator(".portal-logo img").evaluate("img => [img.complete, img.naturalWidth]")
    assert logo[0] and logo[1] > 0, "the logo loads"
    if lang == "en":  # the plan's Danish-only text is marked, and axe accepts the marks
        expect(page.locator(".language-notice")).to_contain_text("only in Danish")
        assert page.locator("main [lang=da]").count() > 5
    page.locator(".nav-more summary").click()
    assert_accessible(axe, page)
    page.goto(f"/resultater?lang={lang}")
    assert_accessible(axe, page)
