"""Long lists page by page in a real browser: Anders goes through his coming slots a week at a
time, through a long caseload 50 names at a time, and back through Sofie's bookings and call-me
requests on her conversation page; Sofie goes back through her earlier conversations.
JavaScript off (the core path: plain links) and on; axe on the pages with their page links,
phone and desktop, Danish and English."""

from __future__ import annotations

import re
from contextlib import contextmanager
from datetime import timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import delete, select

from portal import clock
from portal.models import Booking, BookingKind, BookingStatus, CallbackRequest, Person, Slot
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, log_in_as


@contextmanager
def _longer_lists(db_read):
    """50 more citizens for Anders (named Ø…, so they sort after the demo people), a slot of his
    two weeks ahead, 12 more past conversations for Sofie, 45 old cancelled bookings (noted
    "Gammel booking <n>", the highest the oldest) and 21 old call-me requests of hers; removed
    again afterwards (the browser tests share one database). Yields Sofie's id."""

    def add(session):
        anders = session.scalar(select(Person).where(Person.subject == "demo-anders"))
        sofie = session.scalar(select(Person).where(Person.subject == "demo-sofie"))
        people = [
            Person(
                subject=f"e2e-long-{n}",
                kind="citizen",
                first_name="Østen",
                last_name=f"Langliste{n:02}",
                caseworker_id=anders.id,
                course="jobafklaring",
            )
            for n in range(50)
        ]
        session.add_all(people)
        now = clock.now()
        slots = [
            Slot(
                caseworker_id=anders.id,
                starts_at=now + timedelta(days=15, minutes=17),
                ends_at=now + timedelta(days=15, minutes=47),
                forms="telefon",
                created_at=now,
            )
        ] + [
            Slot(
                caseworker_id=anders.id,
                starts_at=now - timedelta(days=300 + n, minutes=13),
                ends_at=now - timedelta(days=300 + n, minutes=-17),
                forms="telefon",
                created_at=now,
            )
            for n in range(12)
        ]
        session.add_all(slots)
        session.flush()
        session.add_all(
            Booking(
                slot_id=s.id,
                citizen_id=sofie.id,
                kind=BookingKind.SUMMONS,
                status=BookingStatus.ACTIVE,
                form="telefon",
                topic=f"Gammel samtale {n}",
                booked_by_id=anders.id,
                booked_at=now - timedelta(days=400),
            )
            for n, s in enumerate(slots[1:])
        )
        long_ago = now - timedelta(days=500)
        session.add_all(
            Booking(
                slot_id=slots[1].id,
                citizen_id=sofie.id,
                kind=BookingKind.SELF,
                status=BookingStatus.CANCELLED,
                form="telefon",
                topic="Samtale",
                note=f"Gammel booking {n}",
                booked_by_id=sofie.id,
                booked_at=long_ago - timedelta(hours=n),
                ended_at=long_ago,
                ended_by_id=sofie.id,
            )
            for n in range(45)
        )
        requests = [
            CallbackRequest(
                citizen_id=sofie.id, requested_by_id=sofie.id, at=long_ago - timedelta(days=n)
            )
            for n in range(21)
        ]
        session.add_all(requests)
        session.commit()
        return [s.id for s in slots], [p.id for p in people], [r.id for r in requests], sofie.id

    def remove(session, slot_ids, person_ids, request_ids):
        session.execute(delete(CallbackRequest).where(CallbackRequest.id.in_(request_ids)))
        session.execute(delete(Booking).where(Booking.slot_id.in_(slot_ids)))
        session.execute(delete(Slot).where(Slot.id.in_(slot_ids)))
        session.execute(delete(Person).where(Person.id.in_(person_ids)))
        session.commit()

    slot_ids, person_ids, request_ids, sofie_id = db_read(add)
    try:
        yield sofie_id
    finally:
        db_read(lambda session: remove(session, slot_ids, person_ids, request_ids))


def _walk_sofies_history(page, sofie_id: int) -> None:
    """Anders on Sofie's conversation page goes back through her bookings and her call-me
    requests by their page links, and to the newest again (Danish)."""
    page.goto(f"/medarbejder/borger/{sofie_id}/samtaler?lang=da")
    rows = page.locator("section[aria-labelledby=bookings-heading] tbody tr")
    requests = page.locator("section[aria-labelledby=callbacks-heading] ul.nobullet-list li")
    expect(rows).to_have_count(50)
    expect(requests).to_have_count(20)
    expect(page.get_by_role("link", name="Vis de nyeste samtaler")).to_have_count(0)
    page.get_by_role("link", name="Vis ældre samtaler").click()
    expect(page).to_have_url(re.compile(r"[?]aeldre=\d+#bookings-heading$"))
    expect(rows.last).to_contain_text("Gammel booking 44")  # the oldest, once, at the end
    expect(rows.filter(has_text="Gammel booking 44")).to_have_count(1)
    expect(page.get_by_role("link", name="Vis ældre samtaler")).to_have_count(0)
    older_bookings = rows.count()
    page.get_by_role("link", name="Vis ældre ønsker").click()  # the bookings stay where they were
    expect(requests).to_have_count(1)
    expect(rows).to_have_count(older_bookings)
    expect(rows.last).to_contain_text("Gammel booking 44")
    page.get_by_role("link", name="Vis de nyeste samtaler").click()
    expect(rows).to_have_count(50)
    expect(requests).to_have_count(1)  # still the call-me requests' older page
    page.get_by_role("link", name="Vis de nyeste ønsker").click()
    expect(requests).to_have_count(20)
    expect(page).to_have_url(
        re.compile(rf"/medarbejder/borger/{sofie_id}/samtaler#callbacks-heading$")
    )


def test_anders_and_sofie_page_through_long_lists_without_javascript(browser, base_url, db_read):
    with _longer_lists(db_read) as sofie_id:
        context = browser.new_context(java_script_enabled=False, base_url=base_url, locale="da-DK")
        page = context.new_page()
        try:
            log_in_as(page, "Anders")
            page.goto("/medarbejder/tider?lang=da")
            expect(page.get_by_role("link", name="Ugen før")).to_have_count(0)
            page.get_by_role("link", name="Ugen efter").click()
            expect(page.get_by_role("link", name="Ugen før")).to_be_visible()
            page.get_by_role("link", name="Ugen før").click()
            expect(page.get_by_role("link", name="Ugen før")).to_have_count(0)

            page.goto("/medarbejder?lang=da")
            names = page.locator(".caseload-list a")
            expect(names).to_have_count(50)
            expect(names.first).to_have_text("Hanne Sørensen")
            page.get_by_role("link", name="Flere borgere").click()
            expect(names).to_have_count(3)
            expect(names.last).to_have_text("Østen Langliste49")
            page.get_by_role("link", name="Til begyndelsen af listen").click()
            expect(names).to_have_count(50)

            _walk_sofies_history(page, sofie_id)

            page.goto("/log-ud?lang=da")
            page.locator("main").get_by_role("button", name="Log ud").click()
            log_in_as(page, "Sofie")
            page.goto("/samtaler?lang=da")
            past = page.locator("section[aria-labelledby=past-heading] .history-list li")
            expect(past).to_have_count(10)
            page.get_by_role("link", name="Ældre samtaler").click()
            expect(past.last).to_contain_text("Gammel samtale 11")
            page.get_by_role("link", name="De nyeste samtaler").click()
            expect(past).to_have_count(10)
        finally:
            context.close()


def test_anders_pages_back_through_sofies_bookings_with_javascript(page, db_read):
    with _longer_lists(db_read) as sofie_id:
        log_in_as(page, "Anders")
        _walk_sofies_history(page, sofie_id)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_paged_lists_are_accessible(page, axe, viewport, lang, db_read):
    with _longer_lists(db_read) as sofie_id:
        page.set_viewport_size(viewport)
        log_in_as(page, "Anders")
        for path in ("/medarbejder/tider", "/medarbejder"):
            page.goto(f"{path}?lang={lang}")
            expect(page.locator("nav.pagination")).to_be_visible()
            assert_accessible(axe, page)
        # Sofie's conversation page and its older page, where both lists have page links.
        page.goto(f"/medarbejder/borger/{sofie_id}/samtaler?lang={lang}")
        expect(page.locator("nav.pagination")).to_have_count(2)
        assert_accessible(axe, page)
        page.locator("section[aria-labelledby=bookings-heading] nav.pagination a").click()
        page.locator("section[aria-labelledby=callbacks-heading] nav.pagination a").click()
        expect(page).to_have_url(re.compile(r"aeldre=\d+&aeldre_opkald=\d+#callbacks-heading$"))
        expect(page.locator("nav.pagination")).to_have_count(2)
        assert_accessible(axe, page)
        log_in_as(page, "Sofie")
        page.goto(f"/samtaler?lang={lang}")
        expect(page.locator("nav.pagination")).to_be_visible()
        assert_accessible(axe, page)
