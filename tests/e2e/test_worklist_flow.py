"""The caseworker's worklist in a real browser: Lærke's call-me request waits on /medarbejder,
Anders marks it as handled with a note (JavaScript off: the core path), Lærke sees she was
called back; axe on the worklist, phone and desktop, Danish and English."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from portal import clock
from portal.models import CallbackRequest, DeadlineWindow, Person
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, log_in_as


def _laerke_asked_to_be_called(db_read):
    """Lærke has a deadline window and asked to be called (written straight to the shared
    database: the booking pages offer the button only when no slot is free)."""

    def write(session):
        laerke = session.query(Person).filter_by(first_name="Lærke").one()
        session.query(CallbackRequest).filter_by(citizen_id=laerke.id).delete()
        window = DeadlineWindow(
            citizen_id=laerke.id,
            opened_by_id=laerke.caseworker_id,
            opens_on=clock.today(),
            closes_on=clock.today() + timedelta(days=20),
            topic="Opfølgningssamtale",
            change_cutoff_hours=24,
            created_at=clock.now(),
        )
        session.add(window)
        session.flush()
        session.add(
            CallbackRequest(
                citizen_id=laerke.id,
                window_id=window.id,
                requested_by_id=laerke.id,
                at=clock.now() - timedelta(hours=2),
            )
        )
        session.commit()

    db_read(write)


def test_anders_marks_laerkes_call_as_handled_and_laerke_sees_it(browser, base_url, db_read):
    _laerke_asked_to_be_called(db_read)
    context = browser.new_context(java_script_enabled=False, base_url=base_url, locale="da-DK")
    page = context.new_page()
    try:
        log_in_as(page, "Anders")
        page.goto("/medarbejder?lang=da")
        waiting = page.locator("section[aria-labelledby=waiting-heading]")
        item = waiting.locator("li", has_text="Ring op: Lærke")
        expect(item).to_be_visible()
        item.get_by_label("Kort note (kan udelades)").fill("Vi fandt en tid sammen.")
        item.get_by_role("button", name="Markér som klaret").click()
        expect(page.locator(".confirmation-panel")).to_contain_text(
            "Opkaldet er markeret som klaret"
        )
        expect(waiting.locator("li", has_text="Ring op: Lærke")).to_have_count(0)

        page.goto("/log-ud?lang=da")
        page.locator("main").get_by_role("button", name="Log ud").click()
        log_in_as(page, "Lærke")
        page.goto("/samtaler?lang=da")
        expect(page.locator("main")).to_contain_text("Din sagsbehandler har ringet dig op")
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_worklist_is_accessible(page, axe, viewport, lang, db_read):
    _laerke_asked_to_be_called(db_read)
    page.set_viewport_size(viewport)
    log_in_as(page, "Anders")
    page.goto(f"/medarbejder?lang={lang}")
    waiting = page.locator("section[aria-labelledby=waiting-heading]")
    expect(waiting.get_by_role("button").first).to_be_visible()
    assert_accessible(axe, page)
