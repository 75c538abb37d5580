"""Outcomes in a real browser: Anders writes a decision for Hanne and watches the language check
change as he types, publishes it; Hanne sees it is new, reads it, marks it read and prints it.
Reading and marking read also work without JavaScript. axe on every outcome page."""

import pytest
from playwright.sync_api import expect

from portal.models import Outcome, OutcomeKind, Person
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, log_in_as

EASY = "Du får penge fra kommunen. Du skal ikke gøre noget nu."
HARD = "Rehabiliteringsteamets indstilling vedrørende ressourceforløbsydelse tilkendes borgeren jævnfør beskæftigelseslovens bestemmelser."
TITLE = "Du får hjælp af en mentor"


def _person_id(db_read, first_name):
    return db_read(lambda s: s.query(Person).filter_by(first_name=first_name).one().id)


def _outcome_id(db_read, first_name, kind):
    citizen = _person_id(db_read, first_name)
    return db_read(
        lambda s: (
            s.query(Outcome)
            .filter_by(citizen_id=citizen, kind=kind)
            .order_by(Outcome.id)
            .first()
            .id
        )
    )


def test_caseworker_writes_with_live_check_publishes_and_hanne_reads_and_prints(page, db_read):
    hanne = _person_id(db_read, "Hanne")
    log_in_as(page, "Anders")
    page.goto(f"/medarbejder/borger/{hanne}/resultater")
    page.get_by_role("link", name="Skriv et nyt resultat").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Skriv et nyt resultat")

    page.get_by_label("En afgørelse fra kommunen").check()
    page.get_by_label("Afgørelsen følger indstillingen").select_option(
        label="Teamet anbefaler et ressourceforløb"
    )
    page.get_by_label("Overskrift").fill(TITLE)
    page.get_by_label("Det blev besluttet").fill(
        "Kommunen har sagt ja. Du får en mentor (en person, der hjælper dig i gang)."
    )
    meaning = page.locator("[data-section=meaning]")
    # The check follows the typing (htmx), without pressing any button.
    page.get_by_label("Det betyder for dig").fill(HARD)
    expect(meaning).to_contain_text("over 40")
    expect(meaning).to_contain_text("meget svær")
    expect(page.locator("#live-region")).to_contain_text("Det betyder for dig: LIX")
    page.get_by_label("Det betyder for dig").fill(EASY)
    expect(meaning).not_to_contain_text("over 40")
    expect(meaning).to_contain_text("meget let")
    page.get_by_label("Det sker nu").fill("Mentoren ringer til dig i næste uge.")
    page.get_by_label("Hvis du er uenig").fill(
        "Du kan klage til jobcentret. Ring til Anders, så hjælper han dig."
    )
    expect(page.locator("[data-section=if_you_disagree]")).to_contain_text("LIX")
    page.get_by_label("Den formelle tekst").fill("Afgørelse om mentorstøtte.")
    # This decision is appealed elsewhere than the municipality's usual address.
    page.get_by_label("Hvor sendes klagen hen?").fill("Klagecenter Nord, Nordvej 2, 9998 Nordby")
    page.get_by_role("button", name="Gem kladde").click()

    expect(page.get_by_role("heading", name="Kladden er gemt")).to_be_visible()
    page.get_by_role("button", name="Udgiv til borgeren").click()
    expect(page.get_by_role("heading", name="Resultatet er udgivet")).to_be_visible()
    expect(page.locator(".receipts-table")).to_contain_text("Ikke læst endnu")

    page.goto("/log-ind")
    log_in_as(page, "Hanne")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Resultater").click()
    card = page.locator(".outcome-card", has_text=TITLE)
    expect(card).to_contain_text("Ny")
    card.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator(".outcome-pair")).to_contain_text("Teamets indstilling")
    expect(page.locator(".appeal-deadline")).to_contain_text("Din klage skal være sendt senest")
    expect(page.locator(".appeal-steps")).to_contain_text(
        "Klagecenter Nord, Nordvej 2, 9998 Nordby"
    )
    page.get_by_role("button", name="Jeg har læst det").click()
    expect(page.get_by_role("heading", name="Du har læst det")).to_be_visible()

    page.get_by_role("link", name="Udskriv eller gem som PDF").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    page.emulate_media(media="print")
    expect(page.locator(".help-box")).to_be_hidden()
    expect(page.locator(".main-nav")).to_be_hidden()
    expect(page.get_by_role("heading", name="Den formelle tekst")).to_be_visible()
    expect(page.get_by_role("heading", name="Det blev besluttet")).to_be_visible()
    page.emulate_media(media="screen")

    page.goto("/resultater")
    expect(page.locator(".outcome-card", has_text=TITLE)).not_to_contain_text("Ny")
    page.goto("/log-ind")
    log_in_as(page, "Anders")
    page.goto(f"/medarbejder/borger/{hanne}/resultater")
    expect(page.locator("tr", has_text=TITLE)).not_to_contain_text("Ikke læst endnu")


def test_reading_and_marking_read_without_javascript(browser, base_url, db_read):
    context = browser.new_context(java_script_enabled=False, base_url=base_url, locale="da-DK")
    page = context.new_page()
    try:
        log_in_as(page, "Lærke")
        page.get_by_role("link", name="Se resultater af dine møder").click()
        card = page.locator(".outcome-card").first
        expect(card).to_contain_text("Ny")
        card.get_by_role("link").click()
        expect(page.get_by_role("heading", name="Hvis du er uenig")).to_be_visible()
        expect(page.locator(".outcome-disagree")).to_contain_text("ikke en afgørelse endnu")
        page.get_by_role("button", name="Jeg har læst det").click()
        expect(page.get_by_role("heading", name="Du har læst det")).to_be_visible()
        page.get_by_role("link", name="Udskriv eller gem som PDF").click()
        expect(page.get_by_role("heading", name="Den formelle tekst")).to_be_visible()
    finally:
        context.close()


def test_language_check_without_javascript(browser, base_url, db_read):
    sofie = _person_id(db_read, "Sofie")
    context = browser.new_context(java_script_enabled=False, base_url=base_url, locale="da-DK")
    page = context.new_page()
    try:
        log_in_as(page, "Anders")
        page.goto(f"/medarbejder/borger/{sofie}/resultater/ny")
        page.get_by_label("Det betyder for dig").fill(HARD)
        page.get_by_role("button", name="Tjek sproget").click()
        expect(page.locator("[data-section=meaning]")).to_contain_text("over 40")
        expect(page.get_by_label("Det betyder for dig")).to_have_value(HARD)
    finally:
        context.close()


VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
LANGUAGES = pytest.mark.parametrize("lang", ["da", "en"])


def _check(page, axe, paths, lang):
    for path in paths:
        separator = "&" if "?" in path else "?"
        page.goto(f"{path}{separator}lang={lang}")
        assert page.locator("html").get_attribute("lang") == lang
        assert_accessible(axe, page)


@VIEWPORTS
@LANGUAGES
def test_outcome_pages_are_accessible(page, axe, viewport, lang, db_read):
    page.set_viewport_size(viewport)
    decision = _outcome_id(db_read, "Hanne", OutcomeKind.DECISION)
    recommendation = _outcome_id(db_read, "Hanne", OutcomeKind.RECOMMENDATION)
    log_in_as(page, "Hanne")
    _check(
        page,
        axe,
        [
            "/resultater",
            f"/resultater/{decision}",
            f"/resultater/{decision}?udgave=1",
            f"/resultater/{recommendation}",
            f"/resultater/{decision}/udskriv",
        ],
        lang,
    )


@VIEWPORTS
@LANGUAGES
def test_staff_outcome_pages_are_accessible(page, axe, viewport, lang, db_read):
    page.set_viewport_size(viewport)
    hanne, laerke = _person_id(db_read, "Hanne"), _person_id(db_read, "Lærke")
    hannes = _outcome_id(db_read, "Hanne", OutcomeKind.DECISION)
    draft = _outcome_id(db_read, "Lærke", OutcomeKind.DECISION)
    log_in_as(page, "Anders")
    _check(
        page,
        axe,
        [
            f"/medarbejder/borger/{hanne}/resultater",
            f"/medarbejder/borger/{hanne}/resultater/ny",
            f"/medarbejder/borger/{hanne}/resultater/{hannes}",
            f"/medarbejder/borger/{hanne}/resultater/{hannes}/kladde",
            f"/medarbejder/borger/{laerke}/resultater/{draft}",
        ],
        lang,
    )
    # The form with mistakes shown: the error summary and the fields' messages.
    page.goto(f"/medarbejder/borger/{hanne}/resultater/ny?lang={lang}")
    page.locator("button[value=save]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(axe, page)


def test_keyboard_only_read_and_mark_read(page, db_read):
    decision = _outcome_id(db_read, "Hanne", OutcomeKind.DECISION)
    log_in_as(page, "Hanne")
    page.goto(f"/resultater/{decision}")
    for _ in range(80):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement && document.activeElement.textContent")
        if focused and focused.strip() == "Jeg har læst det":
            break
    else:
        raise AssertionError("could not reach the read button with the Tab key")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Du har læst det")).to_be_visible()


@pytest.mark.parametrize("viewport", [PHONE], ids=["phone"])
def test_sadan_klager_du_leads_to_the_concrete_way_to_appeal(page, viewport, db_read):
    page.set_viewport_size(viewport)
    decision = _outcome_id(db_read, "Hanne", OutcomeKind.DECISION)
    log_in_as(page, "Hanne")
    page.goto(f"/resultater/{decision}")
    page.get_by_role("link", name="Sådan klager du").click()
    how = page.get_by_role("heading", name="Sådan klager du")
    expect(how).to_be_in_viewport()
    steps = page.locator(".appeal-steps")
    expect(steps).to_contain_text("Send din klage til")
    expect(steps).to_contain_text("Ankestyrelsen")
    expect(page.locator(".appeal-deadline")).to_contain_text("senest")
