"""The caseworker's worklist against the database: each kind of item, only the caseload,
oldest first, handled call-me requests drop off, and the list is bounded."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from portal import clock
from portal.models import (
    AuditEvent,
    BookingStatus,
    CallbackRequest,
    Mode,
    OutcomeReceipt,
    PreparationSending,
    RequestStatus,
)
from portal.services import worklist
from portal.services.errors import DomainError
from tests.factories import booking as make
from tests.factories import meeting as meetings
from tests.factories import outcomes as outcome_factory
from tests.factories import people
from tests.factories.booking import NOW, TODAY


def _callback(session, citizen, at):
    request = CallbackRequest(citizen_id=citizen.id, requested_by_id=citizen.id, at=at)
    session.add(request)
    session.flush()
    return request


def _kinds(session, caseworker):
    return [(i.kind, i.citizen.first_name) for i in worklist.waiting(session, caseworker.id, NOW)]


def test_call_me_requests_of_the_caseload_only_oldest_first(empty_session):
    anders, rikke = people.caseworker(empty_session, "Anders"), people.caseworker(empty_session)
    hanne = people.citizen(empty_session, "Hanne", caseworker=anders)
    laerke = people.citizen(empty_session, "Lærke", caseworker=anders)
    jens = people.citizen(empty_session, "Jens", caseworker=rikke)
    _callback(empty_session, hanne, NOW - timedelta(hours=1))
    _callback(empty_session, laerke, NOW - timedelta(days=2))
    _callback(empty_session, jens, NOW - timedelta(days=5))
    assert _kinds(empty_session, anders) == [("callback", "Lærke"), ("callback", "Hanne")]
    assert _kinds(empty_session, rikke) == [("callback", "Jens")]


def test_a_handled_call_me_request_drops_off_and_keeps_its_note(empty_session):
    anders = people.caseworker(empty_session, "Anders")
    hanne = people.citizen(empty_session, "Hanne", caseworker=anders)
    request = _callback(empty_session, hanne, NOW - timedelta(hours=1))
    worklist.handle_callback(
        empty_session, hanne.id, request.id, note=" Talt om ny tid ", actor_id=anders.id, now=NOW
    )
    assert (request.handled_at, request.handled_by_id, request.handled_note) == (
        NOW,
        anders.id,
        "Talt om ny tid",
    )
    assert _kinds(empty_session, anders) == []
    with pytest.raises(DomainError) as again:
        worklist.handle_callback(
            empty_session, hanne.id, request.id, note="Igen", actor_id=anders.id, now=NOW
        )
    assert again.value.code == "callback_already_handled"
    assert request.handled_note == "Talt om ny tid"


def test_handling_another_citizens_request_is_not_found(empty_session):
    anders = people.caseworker(empty_session, "Anders")
    hanne = people.citizen(empty_session, "Hanne", caseworker=anders)
    laerke = people.citizen(empty_session, "Lærke", caseworker=anders)
    request = _callback(empty_session, hanne, NOW)
    with pytest.raises(DomainError) as refused:
        worklist.handle_callback(
            empty_session, laerke.id, request.id, note=None, actor_id=anders.id, now=NOW
        )
    assert refused.value.code == "not_found:callback"
    with pytest.raises(DomainError) as long_note:
        worklist.handle_callback(
            empty_session, hanne.id, request.id, note="x" * 501, actor_id=anders.id, now=NOW
        )
    assert long_note.value.code == "note_too_long"
    assert request.handled_at is None


def test_a_request_to_be_left_out_waits_until_assessed(empty_session):
    anders = people.caseworker(empty_session, "Anders")
    hanne = people.citizen(empty_session, "Hanne", caseworker=anders)
    meeting = meetings.meeting(empty_session, hanne, starts_at=NOW + timedelta(days=10))
    meetings.participation(
        empty_session,
        meeting,
        Mode.WITHOUT,
        at=NOW - timedelta(days=1),
        status=RequestStatus.PENDING,
    )
    assert _kinds(empty_session, anders) == [("without_attending", "Hanne")]
    meetings.participation(
        empty_session,
        meeting,
        Mode.WITHOUT,
        at=NOW,
        status=RequestStatus.ACCEPTED,
        reason="Ja",
    )
    assert _kinds(empty_session, anders) == []


def test_a_window_ending_within_three_working_days_with_nothing_booked(empty_session):
    anders = people.caseworker(empty_session, "Anders")
    hanne = people.citizen(empty_session, "Hanne", caseworker=anders)
    laerke = people.citizen(empty_session, "Lærke", caseworker=anders)
    sofie = people.citizen(empty_session, "Sofie", caseworker=anders)
    # TODAY is Monday 4 March 2030: three working days on is Thursday 7 March.
    make.window(empty_session, hanne, closes_on=date(2030, 3, 7))
    make.window(empty_session, laerke, closes_on=date(2030, 3, 8))  # four working days on
    booked = make.window(empty_session, sofie, closes_on=date(2030, 3, 6))
    make.booking(empty_session, sofie, make.slot_on(empty_session, anders, TODAY), window=booked)
    items = worklist.waiting(empty_session, anders.id, NOW)
    assert [(i.kind, i.citizen.first_name, i.day) for i in items] == [
        ("window_ending", "Hanne", date(2030, 3, 7))
    ]


def test_a_window_ending_after_easter_counts_working_days(empty_session):
    anders = people.caseworker(empty_session, "Anders")
    hanne = people.citizen(empty_session, "Hanne", caseworker=anders)
    # From Wednesday 24 March 2027 Thursday, Friday and Monday of Easter are closed, so three
    # working days on is Wednesday 31 March (counting weekdays only would stop at Monday 29).
    make.window(empty_session, hanne, opens_on=date(2027, 3, 15), closes_on=date(2027, 3, 31))
    now = clock.at_local(date(2027, 3, 24), 9)
    assert [i.kind for i in worklist.waiting(empty_session, anders.id, now)] == ["window_ending"]
    earlier = clock.at_local(date(2027, 3, 22), 9)  # three working days on: Tuesday 30
    assert worklist.waiting(empty_session, anders.id, earlier) == []


def test_a_preparation_sent_since_the_caseworker_last_looked(empty_session):
    anders = people.caseworker(empty_session, "Anders")
    hanne = people.citizen(empty_session, "Hanne", caseworker=anders)
    meeting = meetings.meeting(empty_session, hanne, starts_at=NOW + timedelta(days=10))
    sent = PreparationSending(meeting_id=meeting.id, sent_at=NOW - timedelta(hours=3))
    empty_session.add(sent)
    empty_session.flush()
    assert _kinds(empty_session, anders) == [("preparation_sent", "Hanne")]
    # The caseworker opened the citizen's meeting page after it was sent.
    empty_session.add(
        AuditEvent(
            at=NOW - timedelta(hours=1),
            actor_id=anders.id,
            actor_role="caseworker",
            citizen_id=hanne.id,
            action=worklist.MEETING_VIEW_ACTION,
            outcome="allowed",
        )
    )
    empty_session.flush()
    assert _kinds(empty_session, anders) == []
    empty_session.add(PreparationSending(meeting_id=meeting.id, sent_at=NOW))
    empty_session.flush()
    assert _kinds(empty_session, anders) == [("preparation_sent", "Hanne")]


def test_a_decision_unread_after_seven_days(empty_session):
    anders = people.caseworker(empty_session, "Anders")
    hanne = people.citizen(empty_session, "Hanne", caseworker=anders)
    decision = outcome_factory.outcome(
        empty_session, hanne, anders, published=True, at=NOW - timedelta(days=8)
    )
    outcome_factory.outcome(
        empty_session, hanne, anders, published=True, at=NOW - timedelta(days=6)
    )
    assert _kinds(empty_session, anders) == [("decision_unread", "Hanne")]
    version = decision.versions[-1]
    empty_session.add(OutcomeReceipt(version_id=version.id, reader_id=hanne.id, read_at=NOW))
    empty_session.flush()
    assert _kinds(empty_session, anders) == []


def test_interpreter_needs_for_the_next_fourteen_days(empty_session):
    anders, rikke = people.caseworker(empty_session, "Anders"), people.caseworker(empty_session)
    hanne = people.citizen(empty_session, "Hanne", caseworker=anders)
    laerke = people.citizen(empty_session, "Lærke", caseworker=anders)
    sofie = people.citizen(empty_session, "Sofie", caseworker=anders)
    jens = people.citizen(empty_session, "Jens", caseworker=rikke)
    soon = meetings.meeting(empty_session, hanne, starts_at=NOW + timedelta(days=10))
    meetings.participation(
        empty_session, soon, at=NOW - timedelta(days=2), interpreter_language="arabisk"
    )
    later = meetings.meeting(empty_session, laerke, starts_at=NOW + timedelta(days=15))
    meetings.participation(empty_session, later, at=NOW, interpreter_language="polsk")
    changed = meetings.meeting(empty_session, jens, starts_at=NOW + timedelta(days=3))
    meetings.participation(empty_session, changed, at=NOW, interpreter_language="tyrkisk")
    # Sofie booked a conversation with an interpreter, then one without (cancelled first).
    booked = make.booking(
        empty_session, sofie, make.slot(empty_session, anders, NOW + timedelta(days=1))
    )
    booked.interpreter_language = "dansk tegnsprog"
    booked.booked_at = NOW - timedelta(days=1)
    gone = make.booking(
        empty_session, sofie, make.slot(empty_session, anders, NOW + timedelta(days=2))
    )
    gone.interpreter_language, gone.status = "fransk", BookingStatus.CANCELLED
    past = make.booking(
        empty_session, sofie, make.slot(empty_session, anders, NOW - timedelta(hours=2))
    )
    past.interpreter_language = "engelsk"
    empty_session.flush()

    items = worklist.waiting(empty_session, anders.id, NOW)
    assert [(i.kind, i.citizen.first_name, i.day) for i in items] == [
        ("meeting_interpreter", "Hanne", "arabisk"),
        ("booking_interpreter", "Sofie", "dansk tegnsprog"),
    ]
    assert items[0].starts_at == soon.starts_at and items[0].ref_id == soon.id
    # Only the standing choice counts: a newer record without an interpreter clears it.
    meetings.participation(empty_session, soon, at=NOW)
    assert [i.kind for i in worklist.waiting(empty_session, anders.id, NOW)] == [
        "booking_interpreter"
    ]
    assert [i.day for i in worklist.waiting(empty_session, rikke.id, NOW)] == ["tyrkisk"]


def test_the_list_is_bounded_and_oldest_first(empty_session):
    anders = people.caseworker(empty_session, "Anders")
    for n in range(worklist.PER_KIND + 5):
        citizen = people.citizen(empty_session, f"B{n:02d}", caseworker=anders)
        _callback(empty_session, citizen, NOW - timedelta(minutes=n))
    items = worklist.waiting(empty_session, anders.id, NOW)
    assert len(items) == worklist.PER_KIND
    assert [i.since for i in items] == sorted(i.since for i in items)
    assert items[0].citizen.first_name == f"B{worklist.PER_KIND + 4:02d}"


def test_showing_the_list_is_audited_once_per_citizen(empty_session):
    anders = people.caseworker(empty_session, "Anders")
    hanne = people.citizen(empty_session, "Hanne", caseworker=anders)
    _callback(empty_session, hanne, NOW)
    make.window(empty_session, hanne, closes_on=TODAY)
    items = worklist.waiting(empty_session, anders.id, NOW)
    assert len(items) == 2
    worklist.record_seen(empty_session, anders.id, "caseworker", items)
    rows = empty_session.query(AuditEvent).filter_by(action=worklist.SEEN_ACTION).all()
    assert [(r.actor_id, r.citizen_id) for r in rows] == [(anders.id, hanne.id)]


def test_a_message_that_could_not_be_delivered_in_the_last_two_weeks(empty_session):
    from portal.models import Notification

    anders, rikke = people.caseworker(empty_session, "Anders"), people.caseworker(empty_session)
    hanne = people.citizen(empty_session, "Hanne", caseworker=anders)
    jens = people.citizen(empty_session, "Jens", caseworker=rikke)

    def message(citizen, status, age, n):
        empty_session.add(
            Notification(
                recipient_id=citizen.id,
                citizen_id=citizen.id,
                channel="sms",
                message_key="booking_made",
                event_key=f"test:{n}",
                refs={},
                urgency="receipt",
                status=status,
                due_at=NOW - age,
                created_at=NOW - age,
                attempts=5,
            )
        )

    message(hanne, "failed", timedelta(days=2), 1)
    message(hanne, "failed", timedelta(days=20), 2)  # too old to be news
    message(hanne, "sent", timedelta(days=1), 3)
    message(jens, "failed", timedelta(days=1), 4)  # another caseload
    empty_session.flush()
    assert _kinds(empty_session, anders) == [("message_failed", "Hanne")]
    [item] = worklist.waiting(empty_session, anders.id, NOW)
    assert item.day == "sms"
