"""One flow for "how will you take part?" in a real browser: the question, the follow-up
questions (on the page with JavaScript, a page of their own without), the consent question only
for video without consent, the check page and the confirmation with its receipt. Back never
asks to send a form again. axe on every page of the flow, phone and desktop, Danish and English."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, log_in_as

WITHDRAW = "Træk samtykke tilbage"
QUESTION_FORM = "form[action='/moede/deltagelse']"


def _without_consent(page):
    """Tests share one live database: start from "no consent" whatever ran before."""
    page.goto("/moede?lang=da")
    if page.get_by_role("button", name=WITHDRAW).count():
        page.get_by_role("button", name=WITHDRAW).click()
        expect(page.locator(".confirmation-panel")).to_be_visible()


def _submit(page, form):
    page.locator(f"{form} button[type=submit]").click()


def _choose_video(page, lang="da", javascript=True):
    page.goto(f"/moede/deltagelse?lang={lang}")
    page.locator("input[name=mode][value=virtuelt]").check()
    if javascript:
        page.locator("input[name=interpreter_needed][value=nej]").check()
    _submit(page, QUESTION_FORM)
    if not javascript:  # the follow-up questions come on a page of their own
        expect(page).to_have_url(re.compile(r"/moede/deltagelse/detaljer"))
        page.locator("input[name=interpreter_needed][value=nej]").check()
        _submit(page, "form[action='/moede/deltagelse/detaljer']")
    expect(page.locator("form[action='/moede/deltagelse/samtykke']")).to_be_visible()


def _yes_to_video(page, javascript=True, axe=None):
    _choose_video(page, javascript=javascript)
    expect(page.get_by_role("heading", level=1)).to_have_text("Samtykke til et virtuelt møde")
    page.get_by_label("Ja, jeg giver samtykke og deltager på video").check()
    page.get_by_role("button", name="Fortsæt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tjek dit valg")
    expect(page.locator("main")).to_contain_text("Du deltager på video")
    expect(page.locator("main")).to_contain_text("Du giver samtykke, når du bekræfter.")
    if axe:
        assert_accessible(axe, page)
    page.get_by_role("button", name="Bekræft dit valg").click()
    panel = page.locator(".confirmation-panel")
    expect(panel).to_contain_text("Valget er gemt")
    expect(panel).to_contain_text("Du har givet samtykke til et virtuelt møde.")
    expect(page.locator("main")).to_contain_text("Kvitteringsnummer")
    if axe:
        assert_accessible(axe, page)
    # Back lands on the check page, which is a GET page: no prompt to send the form again,
    # and it leads to the confirmation of what was saved.
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kvittering for valget")
    page.goto("/moede?lang=da")
    expect(page.get_by_role("button", name=WITHDRAW)).to_be_visible()


def test_choosing_video_asks_for_consent_once(page, axe):
    log_in_as(page, "Lærke")
    _without_consent(page)
    _yes_to_video(page, axe=axe)
    _without_consent(page)


def test_choosing_video_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False, base_url=base_url, locale="da-DK")
    page = context.new_page()
    try:
        log_in_as(page, "Gitte")
        _without_consent(page)
        _yes_to_video(page, javascript=False)
        _without_consent(page)
    finally:
        context.close()


def _represented(page, name="Mor Nielsen"):
    page.get_by_label("Navn på den, der møder for dig").fill(name)
    page.get_by_label("Hvem er personen for dig?").fill("min mor")


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
    # Answered on this page: straight to the check page.
    language.fill("arabisk")
    _submit(page, QUESTION_FORM)
    expect(page.get_by_role("heading", level=1)).to_have_text("Tjek dit valg")
    expect(page.locator("main")).to_contain_text("arabisk")
    page.get_by_role("button", name="Bekræft dit valg").click()
    expect(page.locator(".confirmation-panel")).to_contain_text("Du møder op. Tolk: arabisk")


def test_without_javascript_the_follow_up_questions_come_on_their_own_page(browser, base_url):
    context = browser.new_context(java_script_enabled=False, base_url=base_url, locale="da-DK")
    page = context.new_page()
    try:
        log_in_as(page, "Gitte")
        page.goto("/moede/deltagelse?lang=da")
        expect(page.locator("input[name=representative_name]")).to_be_hidden()
        expect(page.locator("input[name=interpreter_language]")).to_be_hidden()
        page.locator("input[name=mode][value=repraesenteret]").check()
        _submit(page, QUESTION_FORM)
        expect(page.get_by_role("heading", level=1)).to_have_text("Hvem møder for dig?")
        page.get_by_role("button", name="Fortsæt").click()  # nothing typed: said what to do
        expect(page.locator(".error-summary")).to_contain_text(
            "Skriv navnet på den, der møder for dig."
        )
        _represented(page)
        page.get_by_role("button", name="Fortsæt").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Tjek dit valg")
        expect(page.locator("main")).to_contain_text("Mor Nielsen (min mor)")
        page.get_by_role("button", name="Bekræft dit valg").click()
        expect(page.locator(".confirmation-panel")).to_contain_text(
            "En anden møder op for dig: Mor Nielsen (min mor)"
        )
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_page_of_the_flow_is_accessible(page, axe, viewport, lang):
    page.set_viewport_size(viewport)
    log_in_as(page, "Lærke")
    _without_consent(page)
    page.goto(f"/moede/deltagelse?lang={lang}")
    assert page.locator("html").get_attribute("lang") == lang
    assert_accessible(axe, page)
    # The follow-up page (reached without the inline answers, as without JavaScript).
    page.locator("input[name=mode][value=repraesenteret]").check()
    page.evaluate("document.querySelector('input[name=inline]').value = ''")
    _submit(page, QUESTION_FORM)
    expect(page).to_have_url(re.compile(r"/moede/deltagelse/detaljer"))
    assert_accessible(axe, page)
    _submit(page, "form[action='/moede/deltagelse/detaljer']")  # an error on the page
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(axe, page)
    # The consent question, with and without its error.
    _choose_video(page, lang)
    assert_accessible(axe, page)
    _submit(page, "form[action='/moede/deltagelse/samtykke']")
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(axe, page)
    page.locator("input[name=answer][value=ja]").check()
    _submit(page, "form[action='/moede/deltagelse/samtykke']")
    expect(page).to_have_url(re.compile(r"/moede/deltagelse/tjek"))
    assert_accessible(axe, page)
    _submit(page, "form[action='/moede/deltagelse/bekraeft']")
    expect(page.locator(".confirmation-panel")).to_be_visible()
    assert_accessible(axe, page)
    _without_consent(page)
