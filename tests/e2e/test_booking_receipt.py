"""A cancelled conversation keeps a receipt, in a real browser with JavaScript on and off: from
the confirmation and from the list, a page to keep, a PDF and a text file to download; axe finds
nothing on it at phone and desktop size, in Danish and English."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest
from playwright.sync_api import expect

from portal import clock
from portal.models import Person
from portal.services import booking as bookings
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, log_in_as
from tests.e2e.test_booking_flow import fresh  # noqa: F401 - the fixture, reused


def _booked(db_read, ids) -> int:
    def book(session):
        sofie = session.get(Person, ids["Sofie"])
        window = bookings.open_window(session, sofie.id, clock.today())
        slot = bookings.free_slots(session, sofie, window, clock.now())[-1]
        made = bookings.book(
            session,
            sofie,
            slot.id,
            "telefon",
            "Min bisidder er med",
            actor_id=sofie.id,
            now=clock.now(),
        )
        session.commit()
        return made.id

    return db_read(book)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_cancelled_conversation_keeps_its_receipt(browser, base_url, fresh, db_read, javascript):  # noqa: F811
    booking_id = _booked(db_read, fresh)
    context = browser.new_context(java_script_enabled=javascript, base_url=base_url, viewport=PHONE)
    page = context.new_page()
    try:
        log_in_as(page, "Sofie")
        page.goto(f"/samtaler/{booking_id}")
        page.get_by_role("link", name="Aflys samtalen").click()
        page.get_by_label("Hvorfor aflyser du? (kan udelades)").fill("Jeg skal til lægen")
        page.get_by_role("button", name="Aflys samtalen").click()
        expect(page.get_by_role("heading", name="Din samtale er aflyst")).to_be_visible()
        page.get_by_role("link", name="Se og gem kvitteringen for aflysningen").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Kvittering for aflyst samtale")
        expect(page.locator("main")).to_contain_text("Aflyst af Sofie")
        expect(page.locator("main")).to_contain_text("Jeg skal til lægen")
        with page.expect_download() as info:
            page.get_by_role("link", name="Hent som PDF").click()
        assert info.value.suggested_filename == f"kvittering-samtale-{booking_id}.pdf"
        document = pypdf.PdfReader(info.value.path())
        text = " ".join(" ".join(p.extract_text().split()) for p in document.pages)
        assert "Kvittering for aflyst samtale" in text and "Jeg skal til lægen" in text
        with page.expect_download() as info:
            page.get_by_role("link", name="Hent som tekstfil").click()
        text = Path(info.value.path()).read_text(encoding="utf-8")
        assert "Kvittering for aflyst samtale" in text and "Jeg skal til lægen" in text
        page.goto("/samtaler")
        listed = page.locator(
            "section", has=page.get_by_role("heading", name="Aflyste og flyttede samtaler")
        )
        listed.get_by_role("link", name="Se kvittering").first.click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Kvittering for aflyst samtale")
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_receipt_is_accessible(page, axe, viewport, lang, fresh, db_read):  # noqa: F811
    booking_id = _booked(db_read, fresh)

    def cancel(session):
        from portal.models import Booking

        bookings.cancel(
            session,
            session.get(Booking, booking_id),
            "Syg",
            actor_id=fresh["Sofie"],
            now=clock.now(),
        )
        session.commit()

    db_read(cancel)
    page.set_viewport_size(viewport)
    log_in_as(page, "Sofie")
    page.goto(f"/samtaler/{booking_id}/kvittering?lang={lang}")
    assert page.locator("html").get_attribute("lang") == lang
    expect(page.locator("h1")).to_be_visible()
    assert_accessible(axe, page)
