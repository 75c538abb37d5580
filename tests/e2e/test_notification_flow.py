"""A booking made in the browser reaches the person by e-mail: Sofie gives her e-mail address
in the settings, books a conversation, the worker delivers exactly one e-mail with a calendar
invitation to a real SMTP server on localhost, and "Beskeder vi har sendt dig" shows its text."""

from __future__ import annotations

from icalendar import Calendar
from playwright.sync_api import expect
from sqlalchemy import delete, select

from portal import clock
from portal.demo import booking as demo_booking
from portal.extensions import db
from portal.models import ContactSettings, Notification, Person
from portal.notify_cli import translate_for
from portal.services.notifications import channels, worker
from tests.e2e.conftest import log_in_as
from tests.e2e.test_booking_flow import _book_from_choose_page, _choose_last_day, fresh  # noqa: F401
from tests.notification_servers import smtp_server


def test_a_booking_made_in_the_browser_is_told_by_one_e_mail(page, fresh, live_app, db_read):  # noqa: F811
    db_read(
        lambda s: (
            s.execute(delete(Notification)),
            s.execute(delete(ContactSettings)),
            s.commit(),
        )
    )
    try:
        log_in_as(page, "Sofie")
        page.goto("/indstillinger")
        page.get_by_label("E-mailadresse").fill("sofie@example.dk")
        page.get_by_role("button", name="Gem indstillinger").click()
        expect(page.get_by_role("heading", name="Dine indstillinger er gemt")).to_be_visible()

        page.goto("/samtaler/book")
        _choose_last_day(page)
        _book_from_choose_page(page, "Telefon – din sagsbehandler ringer til dig")
        page.get_by_role("button", name="Bekræft tiden").click()
        expect(page.get_by_role("heading", name="Din tid er booket")).to_be_visible()

        with smtp_server() as (inbox, port), live_app.app_context():
            mail = {"email": channels.Smtp("127.0.0.1", port, "jobcenter@aaby.example")}
            settings = worker.Settings(sender="Jobcenter Åby", calendar_host="aaby.example")
            for _ in range(2):  # a second round finds nothing more to send
                worker.run_once(db.session, mail, settings, translate_for, clock.now())
            db.session.remove()
        [sent] = inbox.messages
        assert sent["To"] == "sofie@example.dk" and sent["Subject"] == "Din samtale er booket"
        [invitation] = [
            Calendar.from_ical(part.get_content())
            for part in sent.iter_attachments()
            if part.get_content_type() == "text/calendar"
        ]
        assert invitation["METHOD"] == "REQUEST"
        assert invitation.walk("VEVENT")[0]["UID"].endswith("@aaby.example")

        page.goto("/beskeder")
        body = sent.get_body(preferencelist=("plain",)).get_content()
        shown = page.locator(".sent-message", has_text="Din samtale er booket")
        expect(shown).to_contain_text(body.splitlines()[0])
        expect(shown).to_contain_text("Sendt")
    finally:
        _leave_as_found(db_read)


def _leave_as_found(db_read):
    """The browser tests share one database: Sofie's conversations and everyone's contact
    details go back to what the demo has."""

    def reset(session):
        demo_booking.load(
            session, clock.today(), {p.first_name: p for p in session.scalars(select(Person))}
        )
        session.execute(delete(ContactSettings))
        session.commit()

    db_read(reset)
