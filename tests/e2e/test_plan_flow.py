"""Hanne logs in and finds her one plan and its history, with and without JavaScript."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import log_in_as


def test_hanne_sees_her_plan_and_history(page):
    log_in_as(page, "Hanne")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hej Hanne")
    expect(page.get_by_role("heading", name="Det skal du gøre")).to_be_visible()
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Min plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Min plan")

    now = page.locator("section[aria-labelledby=group-now]")
    expect(now.get_by_role("heading", name="Fysioterapi for skulderen")).to_be_visible()
    expect(now).to_contain_text("Sundhedsloven – regionen betaler")
    expect(now).to_contain_text("Beskæftigelsesloven – kommunen betaler")
    expect(now).to_contain_text("Social")
    expect(page.locator(".help-box")).to_contain_text("Anders Mikkelsen")

    page.get_by_role("link", name="Se hvad der er ændret i planen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ændringer i din plan")
    items = page.locator(".history-list li")
    expect(items.first).to_be_visible()
    expect(page.locator(".history-list")).to_contain_text(
        'Sundhed ændrede "Fysioterapi for skulderen" fra planlagt til i gang.'
    )
    expect(items.last).to_contain_text('Du skrev målet: "Jeg vil have det bedre."')


def test_switch_to_english_and_back(page):
    log_in_as(page, "Hanne")
    page.goto("/plan")
    page.get_by_role("link", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My plan")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.goto("/plan/historik")
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Ændringer i din plan")
    page.get_by_role("link", name="Dansk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ændringer i din plan")
    expect(page.locator("html")).to_have_attribute("lang", "da")


def _tab_to(page, name: str, limit: int = 60) -> None:
    """Press Tab until the focused element is the one named `name` (keyboard only, no clicks)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement && document.activeElement.textContent")
        if focused and focused.strip() == name:
            return
    raise AssertionError(f"could not reach {name!r} with the Tab key")


def test_keyboard_only_from_login_to_plan(page):
    page.goto("/log-ind")
    page.keyboard.press("Tab")
    skip = page.evaluate("document.activeElement.textContent")
    assert skip.strip() == "Gå til sidens indhold"  # the skip link comes first
    _tab_to(page, "Log ind som Hanne")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/$"))
    _tab_to(page, "Min plan")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Min plan")
    _tab_to(page, "Se hvad der er ændret i planen")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ændringer i din plan")


def test_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False, base_url=base_url)
    page = context.new_page()
    try:
        log_in_as(page, "Hanne")
        page.get_by_role("link", name="Se din plan").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Min plan")
        expect(page.locator(".effort-card").first).to_be_visible()
        page.get_by_role("link", name="English").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("My plan")
        page.get_by_role("link", name="Dansk").click()
        page.get_by_role("link", name="Log ud").click()
        page.get_by_role("button", name="Log ud").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Du er logget ud")
    finally:
        context.close()
