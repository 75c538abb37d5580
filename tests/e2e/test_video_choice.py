"""Choosing video without consent leads to one consent question, and "yes" gives consent and
chooses video in one step; JavaScript on and off; axe on the question at both sizes and languages."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, log_in_as

WITHDRAW = "Træk samtykke tilbage"


def _without_consent(page):
    """Tests share one live database: start from "no consent" whatever ran before."""
    page.goto("/moede?lang=da")
    if page.get_by_role("button", name=WITHDRAW).count():
        page.get_by_role("button", name=WITHDRAW).click()
        expect(page.locator(".confirmation-panel")).to_be_visible()


def _choose_video(page, lang="da"):
    page.goto(f"/moede/deltagelse?lang={lang}")
    page.locator("input[name=mode][value=virtuelt]").check()
    page.locator("form[action='/moede/deltagelse'] button[type=submit]").click()
    expect(page.locator("form[action='/moede/deltagelse/samtykke']")).to_be_visible()


def _yes_to_video(page):
    _choose_video(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Samtykke til et virtuelt møde")
    page.get_by_label("Ja, jeg giver samtykke og deltager på video").check()
    page.get_by_role("button", name="Fortsæt").click()
    panel = page.locator(".confirmation-panel")
    expect(panel).to_contain_text("Du har givet samtykke og valgt video")
    expect(page.get_by_role("button", name=WITHDRAW)).to_be_visible()


def test_choosing_video_asks_for_consent_once(page, axe):
    log_in_as(page, "Lærke")
    _without_consent(page)
    _yes_to_video(page)
    assert_accessible(axe, page)
    _without_consent(page)


def test_choosing_video_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False, base_url=base_url, locale="da-DK")
    page = context.new_page()
    try:
        log_in_as(page, "Gitte")
        _without_consent(page)
        _yes_to_video(page)
        _without_consent(page)
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_consent_question_is_accessible(page, axe, viewport, lang):
    page.set_viewport_size(viewport)
    log_in_as(page, "Lærke")
    _without_consent(page)
    _choose_video(page, lang)
    assert page.locator("html").get_attribute("lang") == lang
    assert_accessible(axe, page)
    # No answer: the error summary is accessible too; nothing is written.
    page.locator("form[action='/moede/deltagelse/samtykke'] button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(axe, page)


def test_follow_up_questions_appear_only_where_they_apply(page, axe):
    log_in_as(page, "Lærke")
    page.goto("/moede/deltagelse?lang=da")
    name = page.locator("input[name=representative_name]")
    language = page.locator("input[name=interpreter_language]")
    expect(name).to_be_hidden()
    expect(language).to_be_hidden()
    page.locator("input[name=mode][value=repraesenteret]").check()
    expect(name).to_be_visible()
    expect(page.locator("input[name=interpreter_needed]").first).to_be_hidden()
    page.locator("input[name=mode][value=fremmoede]").check()
    expect(name).to_be_hidden()
    page.locator("input[name=interpreter_needed][value=ja]").check()
    expect(language).to_be_visible()
    assert_accessible(axe, page)


def test_without_javascript_every_follow_up_question_is_shown(browser, base_url):
    context = browser.new_context(java_script_enabled=False, base_url=base_url, locale="da-DK")
    page = context.new_page()
    try:
        log_in_as(page, "Gitte")
        page.goto("/moede/deltagelse?lang=da")
        expect(page.locator("input[name=representative_name]")).to_be_visible()
        expect(page.locator("input[name=interpreter_language]")).to_be_visible()
    finally:
        context.close()
