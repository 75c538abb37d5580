"""Conversations in a real browser: Sofie books, saves the calendar file, rebooks, cancels and books
again; Jens sees his summons; keyboard only and without JavaScript; axe on every booking page."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from playwright.sync_api import expect
from sqlalchemy import select

from portal import clock
from portal.demo import booking as demo_booking
from portal.models import Booking, Person
from portal.services import booking as bookings
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, log_in_as


def _people(session) -> dict[str, Person]:
    return {p.first_name: p for p in session.scalars(select(Person))}


@pytest.fixture
def fresh(db_read):
    """Sofie's and Jens's conversations as the demo has them (tests share one live database)."""

    def reset(session):
        demo_booking.load(session, clock.today(), _people(session))
        session.commit()
        return {name: p.id for name, p in _people(session).items()}

    return db_read(reset)


def _choose_last_day(page):
    page.locator(".day-list a").last.click()
    expect(page.locator(".day-list a").last).to_have_attribute("aria-current", "true")


def _book_from_choose_page(page, form_label: str, note: str = "") -> None:
    page.locator("input[name=tid]").first.check()
    page.get_by_role("button", name="Vælg tiden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hvordan vil du holde samtalen?")
    page.get_by_label(form_label).check()
    if note:
        page.get_by_label("Besked til din sagsbehandler (kan udelades)").fill(note)
    page.get_by_role("button", name="Fortsæt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tjek din tid")


def test_sofie_books_saves_the_calendar_file_rebooks_cancels_and_books_again(page, fresh, db_read):
    log_in_as(page, "Sofie")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Samtaler").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dine samtaler")
    expect(page.locator(".window-box")).to_contain_text("Din næste samtale skal holdes mellem")
    page.get_by_role("link", name="Book en tid").click()
    page.evaluate("window.stillSamePage = true")
    _choose_last_day(page)
    assert page.evaluate("window.stillSamePage === true"), "htmx loads the day in place"
    assert "dag=" in page.url  # and the address names the day, so back/reload work
    _book_from_choose_page(
        page, "Telefon – din sagsbehandler ringer til dig", "Jeg tager min bisidder med"
    )
    page.get_by_role("button", name="Bekræft tiden").click()
    expect(page.get_by_role("heading", name="Din tid er booket")).to_be_visible()
    page.go_back()  # Back after confirming: the booking's page, never "resubmit the form?"
    expect(page.get_by_role("heading", level=1)).to_have_text("Din samtale")
    page.go_forward()
    expect(page.get_by_role("heading", name="Din tid er booket")).to_be_visible()

    with page.expect_download() as info:
        page.get_by_role("link", name="Hent kalenderfil").click()
    calendar = Calendar.from_ical(Path(info.value.path()).read_bytes())
    event = calendar.walk("VEVENT")[0]
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Copenhagen"
    assert str(event["DTSTART"].dt.tzinfo) == "Europe/Copenhagen"
    assert event.walk("VALARM"), "a reminder alarm"
    assert "bisidder" in str(event["DESCRIPTION"])

    page.get_by_role("link", name="Flyt samtalen til en anden tid").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Flyt din samtale")
    page.locator(".day-list a").nth(-2).click()
    expect(page.locator(".day-list a").nth(-2)).to_have_attribute("aria-current", "true")
    _book_from_choose_page(page, "Video – I ses på skærmen")
    page.get_by_role("button", name="Bekræft ny tid").click()
    expect(page.get_by_role("heading", name="Din samtale er flyttet")).to_be_visible()
    statuses = db_read(
        lambda s: sorted(
            b.status
            for b in s.scalars(
                select(Booking).where(
                    Booking.citizen_id == fresh["Sofie"],
                    Booking.booked_at > clock.now() - timedelta(hours=1),
                )
            )
        )
    )
    assert statuses == ["active", "rebooked"]  # the old time was released in the same step
    with page.expect_download() as info:
        page.get_by_role("link", name="Hent aflysning til kalenderen").click()
    cancelled = Calendar.from_ical(Path(info.value.path()).read_bytes())
    assert str(cancelled["METHOD"]) == "CANCEL"
    assert str(cancelled.walk("VEVENT")[0]["UID"]) == str(event["UID"])

    page.get_by_role("link", name="Aflys samtalen").click()
    page.get_by_label("Hvorfor aflyser du? (kan udelades)").fill("Jeg skal til lægen")
    page.get_by_role("button", name="Aflys samtalen").click()
    expect(page.get_by_role("heading", name="Din samtale er aflyst")).to_be_visible()
    expect(page.locator(".confirmation-panel")).to_contain_text("Fristen gælder stadig")
    page.get_by_role("link", name="Book en ny tid").click()
    _choose_last_day(page)
    _book_from_choose_page(page, "Fremmøde – du kommer til jobcentret")
    page.get_by_role("button", name="Bekræft tiden").click()
    expect(page.get_by_role("heading", name="Din tid er booket")).to_be_visible()


def test_jens_sees_his_summons_and_no_booking_control(page, fresh):
    log_in_as(page, "Jens")
    page.goto("/samtaler")
    expect(page.get_by_role("heading", name="Jobcentret booker for dig")).to_be_visible()
    expect(page.get_by_role("heading", name="Du er indkaldt til samtale")).to_be_visible()
    expect(page.get_by_role("link", name="Book en tid")).to_have_count(0)
    page.get_by_role("link", name="Se indkaldelsen og hent kalenderfil").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Din indkaldelse")
    expect(page.get_by_role("link", name="Hent kalenderfil")).to_be_visible()
    expect(page.get_by_role("link", name="Flyt samtalen til en anden tid")).to_have_count(0)
    page.goto("/samtaler/book")
    expect(page.locator("input[name=tid]")).to_have_count(0)
    expect(page.get_by_role("button")).not_to_have_text(["Vælg tiden"])


def _tab_until(page, test: str, limit: int = 100) -> None:
    """Press Tab until `test` (a JS expression over `el`, the focused element) is true."""
    page.wait_for_load_state()
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!({test}); }})()"):
            return
    raise AssertionError(f"could not reach an element where {test} with the Tab key")


def _named(name: str) -> str:
    return f"el && el.textContent && el.textContent.trim() === {name!r}"


def test_keyboard_only_booking(page, fresh):
    log_in_as(page, "Sofie")
    page.goto("/samtaler")
    _tab_until(page, _named("Book en tid"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Book en tid")
    _tab_until(page, "el && el.name === 'tid'")
    page.keyboard.press("ArrowDown")  # the second time of the day
    _tab_until(page, _named("Vælg tiden"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hvordan vil du holde samtalen?")
    _tab_until(page, "el && el.name === 'form'")
    page.keyboard.press("Space")
    _tab_until(page, _named("Fortsæt"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tjek din tid")
    _tab_until(page, _named("Bekræft tiden"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Din tid er booket")).to_be_visible()


def test_booking_without_javascript(browser, base_url, fresh, db_read):
    context = browser.new_context(java_script_enabled=False, base_url=base_url)
    page = context.new_page()
    try:
        log_in_as(page, "Sofie")
        page.get_by_role("link", name="Se og book dine samtaler").click()
        page.get_by_role("link", name="Book en tid").click()
        page.locator(".day-list a").nth(1).click()  # a full page load with ?dag=
        assert re.search(r"dag=\d{4}-\d{2}-\d{2}", page.url)
        expect(page.locator(".day-list a").nth(1)).to_have_attribute("aria-current", "true")
        page.locator("input[name=tid]").first.check()
        page.get_by_role("button", name="Vælg tiden").click()
        page.get_by_label("Video – I ses på skærmen").check()
        page.get_by_label("Har du brug for en tolk? Skriv hvilket sprog (kan udelades)").fill(
            "tigrinya"
        )
        page.get_by_label("Besked til din sagsbehandler (kan udelades)").fill(
            "Jeg har brug for en tolk"
        )
        page.get_by_role("button", name="Fortsæt").click()
        expect(page.locator("main")).to_contain_text("tigrinya")
        page.get_by_role("button", name="Bekræft tiden").click()
        expect(page.get_by_role("heading", name="Din tid er booket")).to_be_visible()
        note = db_read(
            lambda s: s.scalars(
                select(Booking.note)
                .where(Booking.citizen_id == fresh["Sofie"], Booking.status == "active")
                .order_by(Booking.id.desc())
            ).first()
        )
        assert note == "Jeg har brug for en tolk"
        page.go_back()  # also without JavaScript: a normal page, no form sent again
        expect(page.get_by_role("heading", level=1)).to_have_text("Din samtale")
    finally:
        context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_on_a_phone_the_first_free_time_is_on_screen_after_choosing_a_day(
    browser, base_url, fresh, javascript
):
    context = browser.new_context(
        java_script_enabled=javascript, base_url=base_url, viewport={"width": 360, "height": 640}
    )
    page = context.new_page()
    try:
        log_in_as(page, "Sofie")
        page.goto("/samtaler/book")
        assert page.locator("input[name=tid]:checked").count() == 0  # nothing chosen for them
        page.locator(".day-list a").last.click()
        expect(page.locator(".day-list a").last).to_have_attribute("aria-current", "true")
        first = page.locator("input[name=tid]").first
        expect(first).to_be_in_viewport()
        box = page.locator(".slot-list label").first.bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 640
    finally:
        context.close()


def _sofie_booking(db_read, ids) -> int:
    def book(session):
        sofie = session.get(Person, ids["Sofie"])
        window = bookings.open_window(session, sofie.id, clock.today())
        slot = bookings.free_slots(session, sofie, window, clock.now())[-1]
        made = bookings.book(
            session, sofie, slot.id, "fremmoede", "Bisidder", actor_id=sofie.id, now=clock.now()
        )
        session.commit()
        return made.id

    return db_read(book)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_booking_pages_are_accessible(page, axe, viewport, lang, fresh, db_read):
    page.set_viewport_size(viewport)
    booking_id = _sofie_booking(db_read, fresh)
    jens_summons = db_read(
        lambda s: s.scalars(
            select(Booking.id)
            .where(Booking.citizen_id == fresh["Jens"], Booking.kind == "summons")
            .order_by(Booking.id)
        ).first()
    )

    def check(path: str) -> None:
        separator = "&" if "?" in path else "?"
        page.goto(f"{path}{separator}lang={lang}")
        assert page.locator("html").get_attribute("lang") == lang
        assert_accessible(axe, page)

    log_in_as(page, "Sofie")
    for path in (
        "/samtaler",
        f"/samtaler/{booking_id}",
        f"/samtaler/{booking_id}?udfoert=booket",
        f"/samtaler/{booking_id}/flyt",
        f"/samtaler/{booking_id}/aflys",
    ):
        check(path)
    check(f"/samtaler/{booking_id}/flyt")
    _choose_last_day(page)
    page.locator("input[name=tid]").first.check()
    with page.expect_navigation():
        page.locator("#day-slots button[type=submit]").click()
    assert_accessible(axe, page)  # details page
    page.locator("textarea[name=note]").fill("x" * 501)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(axe, page)  # details page with errors
    page.locator("textarea[name=note]").fill("Tolk")
    page.locator("input[name=form]").first.check()
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert_accessible(axe, page)  # check page

    def cancel(session):
        bookings.cancel(
            session, session.get(Booking, booking_id), None, actor_id=None, now=clock.now()
        )
        session.commit()

    db_read(cancel)
    check("/samtaler/book")
    check(f"/samtaler/{booking_id}?udfoert=aflyst")  # the receipt and the cancellation file
    check("/samtaler")  # with the cancelled conversation listed
    log_in_as(page, "Jens")
    check("/samtaler")
    check(f"/samtaler/{jens_summons}")
    check("/samtaler/book")
    log_in_as(page, "Anders")
    check("/medarbejder/tider")
    check(f"/medarbejder/borger/{fresh['Sofie']}/samtaler")
    check(f"/medarbejder/borger/{fresh['Sofie']}/samtaler?udfoert=frist")
    log_in_as(page, "Rikke")
    check(f"/medarbejder/borger/{fresh['Jens']}/samtaler")
