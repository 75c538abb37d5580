"""The privacy notice in a browser: reached from the footer with and without JavaScript, and
accessible on a phone and a desktop, in Danish and English."""

import pytest

from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, log_in_as

H1 = {"da": "Privatlivspolitik for Én plan", "en": "Privacy notice for Én plan"}
FOOTER_LINK = {"da": "Privatlivspolitik", "en": "Privacy notice"}
LOG_LINK = {"da": "Hvem har set mine oplysninger?", "en": "Who has seen my information?"}


def _follow_the_footer_link(page, lang: str) -> None:
    page.locator("footer").get_by_role("link", name=FOOTER_LINK[lang], exact=True).click()
    page.wait_for_url("**/privatliv")
    assert page.get_by_role("heading", level=1).inner_text() == H1[lang]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_from_the_front_page_with_javascript(page, axe, viewport, lang):
    page.set_viewport_size(viewport)
    log_in_as(page, "Hanne")
    page.goto(f"/?lang={lang}")
    _follow_the_footer_link(page, lang)
    assert page.locator("html").get_attribute("lang") == lang
    assert_accessible(axe, page)
    # The citizen's own access log is linked from the notice; following the link works.
    page.locator("main").get_by_role("link", name=LOG_LINK[lang]).click()
    page.wait_for_url("**/log")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_before_logging_in(page, axe, viewport, lang):
    page.set_viewport_size(viewport)
    page.goto(f"/?lang={lang}")  # the front page sends a visitor to the log-in page
    page.wait_for_url("**/log-ind**")
    _follow_the_footer_link(page, lang)
    assert_accessible(axe, page)
    mail = page.locator("main a[href^='mailto:']").last
    assert mail.get_attribute("href") == "mailto:databeskyttelse@aaby.example"


def test_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False, base_url=base_url)
    page = context.new_page()
    try:
        page.goto("/?lang=da")
        _follow_the_footer_link(page, "da")
        log_in_as(page, "Hanne")
        page.goto("/")
        _follow_the_footer_link(page, "da")
        page.locator("main").get_by_role("link", name=LOG_LINK["da"]).click()
        page.wait_for_url("**/log")
    finally:
        context.close()
