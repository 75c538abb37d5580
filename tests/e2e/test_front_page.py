"""The front page leads with "Det skal du gøre", then "Det sker snart"; each task's link leads to
the one place it is done. JavaScript on and off; axe for a delegate's wording too."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, log_in_as


def _follow_first_task(page) -> None:
    headings = page.locator("main h2")
    expect(headings.nth(0)).to_have_text("Det skal du gøre")
    expect(headings.nth(1)).to_have_text("Det sker snart")
    first = page.locator(".task-list a").first
    expect(first).to_be_visible()
    href = first.get_attribute("href")
    first.click()
    page.wait_for_url(lambda url: url.endswith(href))
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_hanne_starts_from_what_she_must_do(page, axe):
    log_in_as(page, "Hanne")
    assert_accessible(axe, page)
    expect(page.locator(".coming-list")).to_contain_text("Dit rehabiliteringsmøde")
    _follow_first_task(page)


def test_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False, base_url=base_url)
    page = context.new_page()
    try:
        log_in_as(page, "Hanne")
        _follow_first_task(page)
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_delegate_reads_the_tasks_about_the_citizen(page, axe, viewport, lang):
    page.set_viewport_size(viewport)
    log_in_as(page, "Mads")
    page.get_by_role("button", name="Handl på vegne af Hanne").click()
    page.goto(f"/?lang={lang}")
    heading = "Det skal Hanne gøre" if lang == "da" else "What Hanne needs to do"
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    assert_accessible(axe, page)
    page.goto(f"/det-sker-snart?lang={lang}")
    assert_accessible(axe, page)
