"""The outbox end to end with real servers: a booking enqueues in its own transaction, the worker
delivers exactly one e-mail (or text message), a cancellation drops the reminder, a refusing SMTP
server is retried, a worker stopped between sending and marking never sends twice, and several
workers on PostgreSQL never take the same row."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from portal import clock
from portal.extensions import db
from portal.models import DeliveryStatus, Notification, Urgency
from portal.services.booking import book, cancel, rebook
from portal.services.notifications import channels, contact, outbox, worker
from tests.factories import booking as factory
from tests.factories import people
from tests.factories.booking import NOW
from tests.notification_servers import sms_gateway, smtp_server

SETTINGS = worker.Settings(
    sender="Jobcenter Åby", organiser=("Jobcenter Åby", "jobcenter@aaby.example")
)
DANISH = lambda language: lambda text: text  # noqa: E731 - the msgids are the Danish texts
FLASK = Path(sys.executable).with_name("flask")


def reachable(session, person, *, email="hanne@example.dk", mobile=None, by="email"):
    contact.save(
        session,
        person.id,
        email=email,
        mobile=mobile,
        receipts=by,
        reminders=by,
        delegate_copies=False,
        now=NOW,
    )


def mail_to(port: int) -> dict:
    return {"email": channels.Smtp("127.0.0.1", port, "jobcenter@aaby.example"), "sms": None}


def calendars(mail) -> list[Calendar]:
    return [
        Calendar.from_ical(part.get_content())
        for part in mail.iter_attachments()
        if part.get_content_type() == "text/calendar"
    ]


def event_of(calendar: Calendar):
    [event] = calendar.walk("VEVENT")
    return event


def rows(session) -> list[Notification]:
    return list(session.scalars(select(Notification).order_by(Notification.id)))


def book_first_slot(session, scene):
    """The citizen books the scene's first free slot themself, by phone."""
    return book(
        session,
        scene.citizen,
        scene.slots[0].id,
        "telefon",
        None,
        actor_id=scene.citizen.id,
        now=NOW,
    )


def booked(session):
    scene = factory.citizen_with_window(session)
    reachable(session, scene.citizen)
    made = book_first_slot(session, scene)
    session.commit()
    return scene, made


def test_a_booking_is_told_once_by_e_mail_with_its_time_written_out(empty_session):
    booked(empty_session)
    assert [r.message_key for r in rows(empty_session)] == ["booking_made", "conversation_tomorrow"]
    with smtp_server() as (inbox, port):
        first = worker.run_once(empty_session, mail_to(port), SETTINGS, DANISH, NOW)
        again = worker.run_once(empty_session, mail_to(port), SETTINGS, DANISH, NOW)
    assert (first.sent, again.sent) == (1, 0)
    [mail] = inbox.messages
    assert mail["Subject"] == "Din samtale er booket"
    assert mail["To"] == "hanne@example.dk"
    body = mail.get_body(preferencelist=("plain",)).get_content()
    assert "torsdag den 7. marts 2030 kl. 09.00" in body
    [invitation] = calendars(mail)
    assert invitation["METHOD"] == "REQUEST"
    assert "mailto:jobcenter@aaby.example" in str(event_of(invitation)["ORGANIZER"])
    assert "Opfølgningssamtale" not in invitation.to_ical().decode()  # no topic in an e-mail
    sent = rows(empty_session)[0]
    assert sent.status == DeliveryStatus.SENT
    assert sent.sent_text.splitlines() == body.splitlines()  # kept exactly as sent
    assert rows(empty_session)[1].status == DeliveryStatus.PENDING  # the reminder waits


def test_nothing_is_enqueued_for_a_person_without_contact_details(empty_session):
    scene = factory.citizen_with_window(empty_session)
    book_first_slot(empty_session, scene)
    assert rows(empty_session) == []


def test_a_cancelled_booking_gets_its_cancellation_and_no_reminder(empty_session):
    scene, made = booked(empty_session)
    later = NOW + timedelta(hours=1)
    with smtp_server() as (inbox, port):
        worker.run_once(empty_session, mail_to(port), SETTINGS, DANISH, NOW)
        cancel(empty_session, made, None, actor_id=scene.citizen.id, now=later)
        empty_session.commit()
        worker.run_once(empty_session, mail_to(port), SETTINGS, DANISH, later)
        reminder_time = rows(empty_session)[1].due_at  # the morning before, at ten
        dropped = worker.run_once(empty_session, mail_to(port), SETTINGS, DANISH, reminder_time)
    assert [m["Subject"] for m in inbox.messages] == [
        "Din samtale er booket",
        "Din samtale er aflyst",
    ]
    assert dropped.dropped == 1
    statuses = {r.message_key: r.status for r in rows(empty_session)}
    assert statuses["conversation_tomorrow"] == DeliveryStatus.DROPPED


def test_a_refusing_mail_server_is_tried_again_and_the_message_goes_once(empty_session):
    booked(empty_session)
    with smtp_server() as (inbox, port):
        inbox.refuse = True
        refused = worker.run_once(empty_session, mail_to(port), SETTINGS, DANISH, NOW)
        row = rows(empty_session)[0]
        assert (refused.failed, row.status, row.attempts) == (1, DeliveryStatus.PENDING, 1)
        assert row.last_error and "hanne" not in row.last_error
        inbox.refuse = False
        too_soon = worker.run_once(
            empty_session, mail_to(port), SETTINGS, DANISH, NOW + timedelta(seconds=30)
        )
        retried = worker.run_once(
            empty_session, mail_to(port), SETTINGS, DANISH, NOW + timedelta(seconds=61)
        )
    assert (too_soon.sent, retried.sent, len(inbox.messages)) == (0, 1, 1)
    assert rows(empty_session)[0].status == DeliveryStatus.SENT


def test_after_the_last_try_the_message_is_marked_failed(empty_session):
    booked(empty_session)
    moment = NOW
    with smtp_server() as (inbox, port):
        inbox.refuse = True
        for _ in range(worker.MAX_ATTEMPTS):
            worker.run_once(empty_session, mail_to(port), SETTINGS, DANISH, moment)
            moment += timedelta(hours=2)
    row = rows(empty_session)[0]
    assert (row.status, row.attempts, inbox.messages) == (
        DeliveryStatus.FAILED,
        worker.MAX_ATTEMPTS,
        [],
    )


def test_a_text_message_has_no_link_and_carries_the_idempotency_key(empty_session):
    scene = factory.citizen_with_window(empty_session)
    reachable(empty_session, scene.citizen, email=None, mobile="20 30 40 50", by="sms")
    book_first_slot(empty_session, scene)
    empty_session.commit()
    with sms_gateway() as (received, url):
        sms = {"email": None, "sms": channels.SmsGateway(url=url, key="k")}
        worker.run_once(empty_session, sms, SETTINGS, DANISH, NOW)
    [message] = received
    assert message["to"] == "+4520304050"
    assert message["authorization"] == "Bearer k"
    assert message["reference"] == worker.reference(rows(empty_session)[0])
    assert "http" not in message["text"] and "Én plan" in message["text"]


def test_a_worker_stopped_between_sending_and_marking_never_sends_twice(app, empty_session):
    """The fault hook ends the worker process right after the SMTP server accepted the message.
    The next worker finds the row still "sending" and marks it unconfirmed, not sent again."""
    booked(empty_session)
    empty_session.execute(update(Notification).values(due_at=clock.now() - timedelta(minutes=1)))
    empty_session.execute(
        update(Notification)
        .where(Notification.urgency == Urgency.REMINDER)
        .values(due_at=clock.now() + timedelta(days=1))
    )
    empty_session.commit()
    with smtp_server() as (inbox, port):
        env = {
            **os.environ,
            "PORTAL_ENV": "test",
            "PORTAL_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
            "PORTAL_SMTP_HOST": "127.0.0.1",
            "PORTAL_SMTP_PORT": str(port),
            "PORTAL_NOTIFY_FAULT": "exit",
        }
        stopped = subprocess.run(
            [str(FLASK), "--app", "portal", "notify-worker", "--once"],
            env=env,
            capture_output=True,
            timeout=120,
        )
        assert stopped.returncode == 3, stopped.stderr.decode()[-2000:]
        empty_session.expire_all()
        assert rows(empty_session)[0].status == DeliveryStatus.SENDING
        settings = worker.Settings(sender="Jobcenter Åby", stale_after=timedelta(0))
        after = worker.run_once(
            empty_session, mail_to(port), settings, DANISH, clock.now() + timedelta(seconds=1)
        )
    assert (after.unconfirmed, after.sent, len(inbox.messages)) == (1, 0, 1)
    assert rows(empty_session)[0].status == DeliveryStatus.UNCONFIRMED


class _Counting:
    def __init__(self):
        self.references: list[str] = []
        self.lock = threading.Lock()

    def send(self, message):
        with self.lock:
            self.references.append(message.reference)


def test_two_workers_on_postgresql_drain_500_rows_without_duplicates(empty_session):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("row locks (SKIP LOCKED) exist on PostgreSQL only; SQLite runs one worker")
    person = people.citizen(empty_session, "Hanne")
    reachable(empty_session, person)
    for n in range(500):
        outbox.enqueue(
            empty_session,
            recipient_id=person.id,
            citizen_id=person.id,
            message_key="outcome_published",
            event_key=f"load:{n}",
            refs={},
            urgency=Urgency.RECEIPT,
            now=NOW,
        )
    empty_session.commit()
    channel = _Counting()
    settings = worker.Settings(sender="Jobcenter Åby", batch=20)

    engine = db.engine  # the threads have no app context

    def run():
        with Session(engine) as own:
            worker.run_once(own, {"email": channel}, settings, DANISH, NOW)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(channel.references) == 500
    assert len(set(channel.references)) == 500
    assert {r.status for r in rows(empty_session)} == {DeliveryStatus.SENT}


def test_a_fuldmagt_is_told_to_both_parties_and_its_ending_reminder_dropped_when_revoked(
    empty_session,
):
    from portal.services import delegation

    citizen = people.citizen(empty_session, "Hanne")
    holder = people.relative(empty_session, "Mads")
    reachable(empty_session, citizen)
    reachable(empty_session, holder, email="mads@example.dk")
    given = delegation.grant(
        empty_session,
        citizen_id=citizen.id,
        holder_id=holder.id,
        scopes=["se"],
        ends_on=NOW.date() + timedelta(days=60),
        today=NOW.date(),
        now=NOW,
    )
    empty_session.commit()
    keys = sorted((r.recipient_id == citizen.id, r.message_key) for r in rows(empty_session))
    assert keys == [
        (False, "fuldmagt_ending"),
        (False, "fuldmagt_given"),
        (True, "fuldmagt_ending"),
        (True, "fuldmagt_given"),
    ]
    later = NOW + timedelta(days=1)
    delegation.revoke(empty_session, citizen_id=citizen.id, fuldmagt_id=given.id, now=later)
    empty_session.commit()
    with smtp_server() as (inbox, port):
        worker.run_once(empty_session, mail_to(port), SETTINGS, DANISH, later)
        ending = max(r.due_at for r in rows(empty_session))
        dropped = worker.run_once(empty_session, mail_to(port), SETTINGS, DANISH, ending)
    subjects = sorted(m["Subject"] for m in inbox.messages)
    assert subjects == ["En fuldmagt er givet"] * 2 + ["En fuldmagt er stoppet"] * 2
    assert dropped.dropped == 2


def test_a_move_sends_the_new_time_and_cancels_the_old_event_by_its_uid(empty_session):
    scene, made = booked(empty_session)
    later = NOW + timedelta(hours=1)
    with smtp_server() as (inbox, port):
        worker.run_once(empty_session, mail_to(port), SETTINGS, DANISH, NOW)
        rebook(
            empty_session,
            scene.citizen,
            made,
            scene.slots[1].id,
            "telefon",
            None,
            actor_id=scene.citizen.id,
            now=later,
        )
        empty_session.commit()
        worker.run_once(empty_session, mail_to(port), SETTINGS, DANISH, later)
    first, moved = inbox.messages
    assert moved["Subject"] == "Din samtale er flyttet"
    [original] = calendars(first)
    new, cancelled = calendars(moved)
    assert (new["METHOD"], cancelled["METHOD"]) == ("REQUEST", "CANCEL")
    assert event_of(cancelled)["UID"] == event_of(original)["UID"]
    assert event_of(cancelled)["SEQUENCE"] > event_of(original)["SEQUENCE"]
    assert event_of(new)["UID"] != event_of(original)["UID"]


def test_a_delegate_who_asked_for_copies_gets_one_that_names_nothing(empty_session):
    from portal.services import delegation

    scene = factory.citizen_with_window(empty_session)
    reachable(empty_session, scene.citizen)
    mads = people.relative(empty_session, "Mads")
    kim = people.relative(empty_session, "Kim")
    for holder, copies in ((mads, True), (kim, False)):
        contact.save(
            empty_session,
            holder.id,
            email=f"{holder.first_name.lower()}@example.dk",
            mobile=None,
            receipts="email",
            reminders="email",
            delegate_copies=copies,
            now=NOW,
        )
        delegation.grant(
            empty_session,
            citizen_id=scene.citizen.id,
            holder_id=holder.id,
            scopes=["booke"],
            ends_on=NOW.date() + timedelta(days=300),
            today=NOW.date(),
            now=NOW - timedelta(days=1),
        )
    empty_session.commit()
    with smtp_server() as (inbox, port):
        worker.run_once(empty_session, mail_to(port), SETTINGS, DANISH, NOW)
        inbox.messages.clear()  # the fuldmagt notices
        book_first_slot(empty_session, scene)
        empty_session.commit()
        worker.run_once(empty_session, mail_to(port), SETTINGS, DANISH, NOW)
    by_recipient = {m["To"]: m for m in inbox.messages}
    assert set(by_recipient) == {"hanne@example.dk", "mads@example.dk"}
    copy = by_recipient["mads@example.dk"].get_body(preferencelist=("plain",)).get_content()
    assert "en person, du har fuldmagt fra" in copy
    assert scene.citizen.first_name not in copy and "marts" not in copy
    assert calendars(by_recipient["mads@example.dk"]) == []
