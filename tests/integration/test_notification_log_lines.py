"""The worker's event lines for a message that fails and is then sent: the notification's id,
message key, channel and try, and why it failed as a code — never the address or the text."""

from __future__ import annotations

import json
import logging
from datetime import timedelta

from portal.logs import JsonLines
from portal.services.booking import book
from portal.services.notifications import channels, contact, worker
from tests.factories import booking as factory
from tests.factories.booking import NOW
from tests.notification_servers import smtp_server

SETTINGS = worker.Settings(sender="Jobcenter Åby")
DANISH = lambda language: lambda text: text  # noqa: E731 - the msgids are the Danish texts
ADDRESS = "zimbrowitz.planted@example.dk"


def _booked(session) -> None:
    scene = factory.citizen_with_window(session)
    contact.save(
        session,
        scene.citizen.id,
        email=ADDRESS,
        mobile=None,
        receipts="email",
        reminders="email",
        delegate_copies=False,
        now=NOW,
    )
    book(
        session,
        scene.citizen,
        scene.slots[0].id,
        "telefon",
        None,
        actor_id=scene.citizen.id,
        now=NOW,
    )
    session.commit()


class _Kept(logging.Handler):
    def __init__(self):
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_a_failed_try_and_the_sending_are_one_line_each(empty_session):
    _booked(empty_session)
    events, kept = logging.getLogger("portal.events"), _Kept()
    events.addHandler(kept)
    try:
        with smtp_server() as (inbox, port):
            mail = lambda: {"email": channels.Smtp("127.0.0.1", port, "jc@aaby.example")}  # noqa: E731
            inbox.refuse = True
            worker.run_once(empty_session, mail(), SETTINGS, DANISH, NOW)
            inbox.refuse = False
            worker.run_once(empty_session, mail(), SETTINGS, DANISH, NOW + timedelta(hours=1))
    finally:
        events.removeHandler(kept)
    written = [json.loads(JsonLines().format(r)) for r in kept.records]
    failed, sent = written
    assert failed["event"] == "notification_failed" and sent["event"] == "notification_sent"
    assert failed["notification_id"] == sent["notification_id"]
    assert (failed["attempt"], failed["final"], sent["attempt"]) == (1, False, 2)
    assert failed["reason"] == "smtp:SMTPDataError" and sent["via"] == "smtp"
    assert sent["message_key"] == "booking_made" and sent["channel"] == "email"
    text = json.dumps(written)
    assert ADDRESS not in text and "zimbrowitz" not in text and "booket" not in text
    assert inbox.messages[0]["To"] == ADDRESS
