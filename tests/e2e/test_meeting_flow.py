"""The rehabilitation meeting in a real browser: consent, participation, the team's answer,
the preparation surviving a lost session, keyboard-only and JavaScript-off use, and axe."""

import pytest
from playwright.sync_api import expect

from portal.models import Person
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, log_in_as

GIVE = "Giv samtykke til et virtuelt møde"
WITHDRAW = "Træk samtykke tilbage"


def _id(db_read, first_name):
    return db_read(lambda s: s.query(Person).filter_by(first_name=first_name).one().id)


def _log_out(page):
    page.goto("/log-ud?lang=da")
    page.locator("main").get_by_role("button", name="Log ud").click()
    page.wait_for_url(lambda url: "/logget-ud" in url)


def _reset_consent(page):
    """Tests share one live database: start from "no consent" whatever ran before."""
    page.goto("/moede?lang=da")
    if page.get_by_role("button", name=WITHDRAW).count():
        page.get_by_role("button", name=WITHDRAW).click()
        expect(page.get_by_role("button", name=GIVE)).to_be_visible()


def test_laerke_gives_consent_chooses_video_withdraws_and_is_switched_to_in_person(page, axe):
    log_in_as(page, "Lærke")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Mit møde").click()
    _reset_consent(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Dit rehabiliteringsmøde")
    expect(page.get_by_text("Uddannelse (borgere under 30 år): Sara Holm")).to_be_visible()

    page.get_by_role("button", name=GIVE).click()
    expect(page.locator(".confirmation-panel")).to_contain_text(
        "Du har givet samtykke til et virtuelt møde"
    )
    assert_accessible(axe, page)

    page.locator(".confirmation-panel").get_by_role("link", name="Vælg hvordan du deltager").click()
    page.get_by_label("Jeg deltager på video").check()
    page.get_by_label("Nej").check()  # no interpreter
    page.get_by_role("button", name="Fortsæt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tjek dit valg")
    page.get_by_role("button", name="Bekræft dit valg").click()
    expect(page.locator(".confirmation-panel")).to_contain_text("Valget er gemt")
    expect(page.locator(".confirmation-panel")).to_contain_text("Du deltager på video")
    page.goto("/moede?lang=da")

    page.get_by_role("button", name=WITHDRAW).click()
    panel = page.locator(".confirmation-panel")
    expect(panel).to_contain_text("Du har trukket dit samtykke tilbage")
    expect(panel).to_contain_text("Du havde valgt video. Det er nu ændret til, at du møder op.")
    expect(panel).to_contain_text("Mødet holdes nu med fremmøde.")
    participation = page.locator("section[aria-labelledby=participation-heading]")
    expect(participation).to_contain_text("Du møder op")
    expect(page.locator(".history-list")).to_contain_text(
        "Valget blev ændret til fremmøde, fordi samtykket blev trukket tilbage."
    )
    assert_accessible(axe, page)


def test_hanne_asks_to_be_left_out_anders_accepts_and_hanne_sees_it(page, axe, db_read):
    log_in_as(page, "Hanne")
    page.goto("/moede/deltagelse?lang=da")
    page.get_by_label("Teamet behandler min sag uden mig").check()
    page.get_by_role("button", name="Fortsæt").click()
    page.get_by_role("button", name="Bekræft dit valg").click()
    expect(page.locator(".confirmation-panel")).to_contain_text("Valget er gemt")
    page.goto("/moede?lang=da")
    expect(page.locator("section[aria-labelledby=participation-heading]")).to_contain_text(
        "Afventer teamets vurdering"
    )

    _log_out(page)
    log_in_as(page, "Anders")
    hanne = _id(db_read, "Hanne")
    page.goto(f"/medarbejder/borger/{hanne}")
    page.get_by_role(
        "link", name="Rehabiliteringsmøde: samtykke, deltagelse og forberedelse"
    ).click()
    expect(page.get_by_label("Teamet kan behandle sagen uden borgeren")).to_be_visible()
    assert_accessible(axe, page)
    page.get_by_label("Teamet kan behandle sagen uden borgeren").check()
    page.get_by_label("Begrundelse til borgeren").fill(
        "Din sag er godt oplyst. Du behøver ikke komme."
    )
    page.get_by_role("button", name="Gem vurderingen").click()
    expect(page.locator(".confirmation-panel")).to_contain_text("Anmodningen er accepteret")

    _log_out(page)
    log_in_as(page, "Hanne")
    page.goto("/moede?lang=da")
    participation = page.locator("section[aria-labelledby=participation-heading]")
    expect(participation).to_contain_text("Teamet har sagt ja")
    expect(participation).to_contain_text("Din sag er godt oplyst. Du behøver ikke komme.")


def test_gittes_preparation_survives_a_lost_session(page, browser, base_url):
    log_in_as(page, "Gitte")
    page.goto("/moede?lang=da")
    page.locator("section[aria-labelledby=prepare-heading]").get_by_role(
        "link", name="Forbered dit møde"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Din situation lige nu")
    page.get_by_label("Dit svar").fill("Jeg har to børn og ondt i leddene hver morgen.")
    page.get_by_role("button", name="Gem og gå videre").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dit helbred")
    page.get_by_label("Dit svar").fill("Gigten er værst om vinteren.")
    page.get_by_role("button", name="Gem og gå videre").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Det kan du, og det vil du gerne")
    page.context.close()  # the browser is closed: the session is gone with its cookies

    context = browser.new_context(base_url=base_url, locale="da-DK")
    try:
        page = context.new_page()
        page.goto("/moede/forbered/situation")
        assert "/log-ind" in page.url, page.url
        log_in_as(page, "Gitte")
        page.goto("/moede/forbered/situation?lang=da")
        expect(page.get_by_label("Dit svar")).to_have_value(
            "Jeg har to børn og ondt i leddene hver morgen."
        )
        expect(page.locator(".saved-at")).to_contain_text("Gemt kl.")
        page.goto("/moede/forbered/tjek")
        expect(page.locator(".answers")).to_contain_text("Gigten er værst om vinteren.")
        page.get_by_role("button", name="Send til din sagsbehandler").click()
        expect(page.locator(".confirmation-panel")).to_contain_text("Din forberedelse er sendt")
    finally:
        context.close()


def _tab_to(page, name: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement && document.activeElement.textContent")
        if focused and focused.strip() == name:
            return
    raise AssertionError(f"could not reach {name!r} with the Tab key")


def test_consent_with_the_keyboard_only(page):
    log_in_as(page, "Gitte")
    _reset_consent(page)
    page.goto("/moede?lang=da")
    _tab_to(page, GIVE)
    page.keyboard.press("Enter")
    expect(page.locator(".confirmation-panel")).to_contain_text("Du har givet samtykke")
    page.goto("/moede?lang=da")
    _tab_to(page, WITHDRAW)
    page.keyboard.press("Enter")
    expect(page.locator(".confirmation-panel")).to_contain_text("Du har trukket dit samtykke")


def test_consent_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False, base_url=base_url, locale="da-DK")
    page = context.new_page()
    try:
        log_in_as(page, "Gitte")
        _reset_consent(page)
        page.get_by_role("button", name=GIVE).click()
        expect(page.locator(".confirmation-panel")).to_contain_text("Du har givet samtykke")
        page.get_by_role("button", name=WITHDRAW).click()
        expect(page.locator(".confirmation-panel")).to_contain_text("Mødet holdes nu med fremmøde.")
        expect(page.get_by_role("button", name=GIVE)).to_be_visible()
    finally:
        context.close()


VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
LANGUAGES = pytest.mark.parametrize("lang", ["da", "en"])
CITIZEN_PAGES = [
    "/moede",
    "/moede/deltagelse",
    "/moede/forbered/situation",
    "/moede/forbered/health",
    "/moede/forbered/goal",
    "/moede/forbered/tjek",
]


def _check(page, axe, paths, lang):
    for path in paths:
        separator = "&" if "?" in path else "?"
        page.goto(f"{path}{separator}lang={lang}")
        assert page.locator("html").get_attribute("lang") == lang
        assert_accessible(axe, page)


@VIEWPORTS
@LANGUAGES
def test_meeting_pages_are_accessible(page, axe, viewport, lang, db_read):
    page.set_viewport_size(viewport)
    log_in_as(page, "Lærke")
    _check(page, axe, CITIZEN_PAGES, lang)
    # A page with errors: the summary and the field messages are accessible too.
    page.goto(f"/moede/deltagelse?lang={lang}")
    page.locator("input[name=mode][value=repraesenteret]").check()
    page.locator("input[name=representative_name]").fill("")
    page.locator("form[action='/moede/deltagelse'] button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(axe, page)
    page.goto("/log-ind")
    log_in_as(page, "Sofie")
    _check(page, axe, ["/moede"], lang)  # no meeting planned


@VIEWPORTS
@LANGUAGES
def test_staff_meeting_pages_are_accessible(page, axe, viewport, lang, db_read):
    page.set_viewport_size(viewport)
    log_in_as(page, "Anders")
    hanne, sofie = _id(db_read, "Hanne"), _id(db_read, "Sofie")
    _check(
        page,
        axe,
        [
            f"/medarbejder/borger/{hanne}/moede",
            f"/medarbejder/borger/{hanne}/moede/planlaeg",
            f"/medarbejder/borger/{sofie}/moede",
            f"/medarbejder/borger/{sofie}/moede/planlaeg",
        ],
        lang,
    )
