""" "Jeg kan ikke booke selv" from both sides in a real browser: Lærke asks with a reason (with
JavaScript off: the core path), sees the status; Anders finds it on his worklist and books a
time for her in one step; Lærke sees the conversation. Axe on the new and changed pages."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from portal import clock
from portal.models import Booking, BookingHelpRequest, DeadlineWindow, Person
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, log_in_as


def _laerke_has_a_fresh_window(db_read):
    """Lærke has an open deadline window, nothing booked in it and no request yet (the browser
    tests share one database)."""

    def write(session):
        laerke = session.query(Person).filter_by(first_name="Lærke").one()
        session.query(BookingHelpRequest).filter_by(citizen_id=laerke.id).delete()
        session.query(Booking).filter_by(citizen_id=laerke.id).delete()
        session.add(
            DeadlineWindow(
                citizen_id=laerke.id,
                opened_by_id=laerke.caseworker_id,
                opens_on=clock.today(),
                closes_on=clock.today() + timedelta(days=20),
                topic="Opfølgningssamtale",
                change_cutoff_hours=24,
                created_at=clock.now(),
            )
        )
        session.commit()
        return laerke.id

    return db_read(write)


def _log_out(page):
    page.goto("/log-ud?lang=da")
    page.locator("main").get_by_role("button", name="Log ud").click()
    page.wait_for_url(lambda url: "/logget-ud" in url)


def test_laerke_asks_for_help_and_anders_books_for_her(browser, base_url, page, db_read):
    laerke = _laerke_has_a_fresh_window(db_read)
    no_js = browser.new_context(java_script_enabled=False, base_url=base_url, locale="da-DK")
    citizen = no_js.new_page()
    try:
        log_in_as(citizen, "Lærke")
        citizen.goto("/samtaler?lang=da")
        citizen.get_by_role("link", name="Jeg kan ikke booke selv").click()
        expect(citizen.get_by_role("heading", level=1)).to_have_text("Jeg kan ikke booke selv")
        citizen.get_by_role("button", name="Bed jobcentret om at booke").click()
        expect(citizen.locator(".error-summary")).to_contain_text(
            "Vælg, hvorfor du ikke kan booke selv."
        )
        citizen.get_by_label("Jeg har brug for en tolk").check()
        citizen.get_by_label("Vil du fortælle mere? (kan udelades)").fill("Jeg taler tigrinya.")
        citizen.get_by_role("button", name="Bed jobcentret om at booke").click()
        expect(citizen.locator(".confirmation-panel")).to_contain_text("Jobcentret booker for dig")
        expect(citizen.locator("main")).to_contain_text("jobcentret om at booke en tid for dig")
    finally:
        no_js.close()

    log_in_as(page, "Anders")
    page.goto("/medarbejder?lang=da")
    page.get_by_role("link", name="Indkald eller book for Lærke").click()
    help_box = page.locator("section[aria-labelledby=help-heading]")
    expect(help_box).to_contain_text("Jeg har brug for en tolk")
    expect(help_box).to_contain_text("Jeg taler tigrinya.")
    help_box.locator("input[name=hjaelp-slot]").first.check()
    help_box.get_by_label("Telefon – din sagsbehandler ringer til dig").check()
    help_box.get_by_role("button", name="Book tiden for borgeren").click()
    expect(page.locator(".confirmation-panel")).to_contain_text("Tiden er booket for borgeren")
    expect(page.locator("section[aria-labelledby=help-heading]")).to_have_count(0)
    _log_out(page)

    log_in_as(page, "Lærke")
    page.goto("/samtaler?lang=da")
    expect(page.locator("main")).to_contain_text("Du har booket en tid")
    assert (
        db_read(lambda s: s.query(BookingHelpRequest).filter_by(citizen_id=laerke).one().answer)
        == "book"
    )


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_help_pages_are_accessible(page, axe, viewport, lang, db_read):
    laerke = _laerke_has_a_fresh_window(db_read)
    page.set_viewport_size(viewport)
    log_in_as(page, "Lærke")
    page.goto(f"/samtaler/kan-ikke-booke?lang={lang}")
    assert_accessible(axe, page)
    page.locator("main form button[type=submit]").click()  # no reason: the error summary
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(axe, page)
    page.locator("input[name=reason]").first.check()
    page.locator("main form button[type=submit]").click()
    page.goto(f"/samtaler?lang={lang}")
    assert_accessible(axe, page)
    _log_out(page)
    log_in_as(page, "Anders")
    page.goto(f"/medarbejder?lang={lang}")
    assert_accessible(axe, page)
    page.goto(f"/medarbejder/borger/{laerke}/samtaler?lang={lang}")
    expect(page.locator("section[aria-labelledby=help-heading]")).to_be_visible()
    assert_accessible(axe, page)
