"""The contact settings and the messages page in a browser: Jens gives his e-mail and mobile
number, chooses text messages for reminders and reads that nothing has been sent yet. JavaScript
on and off; axe on both pages (and the form with an error), phone and desktop, Danish and English."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, log_in_as


def _save_contact_details(page) -> None:
    page.goto("/")
    page.locator(".nav-more summary").click()
    page.get_by_role("link", name="Indstillinger").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Indstillinger")
    page.get_by_label("E-mailadresse").fill("jens@example.dk")
    page.get_by_label("Mobilnummer").fill("20 30 40 50")
    page.get_by_role("group", name="Påmindelser før en frist eller en aftale").get_by_label(
        "SMS"
    ).check()
    page.get_by_role("button", name="Gem indstillinger").click()
    expect(page.get_by_role("heading", name="Dine indstillinger er gemt")).to_be_visible()
    expect(page.get_by_label("Mobilnummer")).to_have_value("+4520304050")


def test_jens_tells_how_to_reach_him(page):
    log_in_as(page, "Jens")
    _save_contact_details(page)
    page.locator(".nav-more summary").click()
    page.get_by_role("link", name="Beskeder vi har sendt dig").click()
    expect(page.get_by_role("main")).to_contain_text("Vi har ikke sendt dig nogen beskeder endnu.")


def test_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False, base_url=base_url)
    page = context.new_page()
    try:
        log_in_as(page, "Jens")
        _save_contact_details(page)
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_pages_are_accessible(page, axe, viewport, lang):
    page.set_viewport_size(viewport)
    log_in_as(page, "Gitte")
    page.goto(f"/indstillinger?lang={lang}")
    assert_accessible(axe, page)
    page.locator("#email").fill("gitte@")
    page.locator("form[action='/indstillinger'] button[type=submit]").click()
    expect(page.locator("#error-summary")).to_be_visible()
    assert_accessible(axe, page)
    page.goto(f"/beskeder?lang={lang}")
    assert_accessible(axe, page)
    page.goto("/?lang=da")
