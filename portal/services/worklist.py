""" "Det venter på dig": what waits for a caseworker across their caseload, oldest first.

Each kind of item is one bounded query over the caseworker's own citizens (never more than
`PER_KIND` rows of a kind, `LIMIT` in all), so the page costs the same however large the
database grows:

- call-me requests not yet marked as handled;
- "Jeg kan ikke booke selv" requests not yet answered;
- "uden deltagelse" requests still awaiting the team's assessment, for meetings ahead;
- deadline windows that end within `WINDOW_WORKING_DAYS` working days with nothing booked;
- preparations sent since the caseworker last opened the citizen's meeting page;
- published decisions the citizen has not read `UNREAD_DAYS` days after publication;
- interpreters to arrange: the language a citizen asked for when choosing how to take part in a
  meeting, or when booking a conversation, for meetings and conversations in the next
  `INTERPRETER_DAYS` days (the item waits from the moment the need was given).

- messages (e-mail or SMS) that could not be delivered after the last try, in the last
  `FAILED_DAYS` days: the citizen may not know what the message was about.

Showing the list is in the audit trail: one row per citizen on it (`record_seen`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import Session, aliased

from portal import clock
from portal.models import (
    Booking,
    BookingHelpRequest,
    BookingStatus,
    CallbackRequest,
    DeadlineWindow,
    DeliveryStatus,
    Meeting,
    Notification,
    Outcome,
    OutcomeKind,
    OutcomeReceipt,
    OutcomeVersion,
    ParticipationRecord,
    Person,
    PersonKind,
    PreparationSending,
    RequestStatus,
    Slot,
)
from portal.models.audit import AuditEvent
from portal.services import audit
from portal.services.errors import DomainError, NotFound
from portal.services.working_days import add_working_days

PER_KIND = 20
LIMIT = 50
WINDOW_WORKING_DAYS = 3
UNREAD_DAYS = 7
INTERPRETER_DAYS = 14
FAILED_DAYS = 14
NOTE_MAX = 500
SEEN_ACTION = "staff.worklist.view"
MEETING_VIEW_ACTION = "staff.meeting.view"


class Kind:
    CALLBACK = "callback"
    BOOKING_HELP = "booking_help"
    WITHOUT_ATTENDING = "without_attending"
    WINDOW_ENDING = "window_ending"
    PREPARATION_SENT = "preparation_sent"
    DECISION_UNREAD = "decision_unread"
    MEETING_INTERPRETER = "meeting_interpreter"
    BOOKING_INTERPRETER = "booking_interpreter"
    MESSAGE_FAILED = "message_failed"


@dataclass(frozen=True)
class Item:
    kind: str
    since: datetime  # when it started waiting: the list is sorted on it, oldest first
    citizen: Person
    ref_id: int  # the callback, meeting, window or outcome it is about
    day: object = None  # what else belongs to the item: a window's last day, a reason code,
    # an interpreter's language
    starts_at: datetime | None = None  # the meeting or conversation the item is for


def _caseload(caseworker_id: int):
    return and_(Person.caseworker_id == caseworker_id, Person.kind == PersonKind.CITIZEN)


def _callbacks(session: Session, caseworker_id: int) -> list[Item]:
    rows = session.execute(
        select(CallbackRequest, Person)
        .join(Person, Person.id == CallbackRequest.citizen_id)
        .where(_caseload(caseworker_id), CallbackRequest.handled_at.is_(None))
        .order_by(CallbackRequest.at)
        .limit(PER_KIND)
    ).all()
    return [Item(Kind.CALLBACK, c.at, p, c.id) for c, p in rows]


def _booking_help(session: Session, caseworker_id: int) -> list[Item]:
    rows = session.execute(
        select(BookingHelpRequest, Person)
        .join(Person, Person.id == BookingHelpRequest.citizen_id)
        .where(_caseload(caseworker_id), BookingHelpRequest.answered_at.is_(None))
        .order_by(BookingHelpRequest.at)
        .limit(PER_KIND)
    ).all()
    return [Item(Kind.BOOKING_HELP, h.at, p, h.id, h.reason) for h, p in rows]


def _without_attending(session: Session, caseworker_id: int, now: datetime) -> list[Item]:
    later = aliased(ParticipationRecord)
    newer = exists().where(later.meeting_id == ParticipationRecord.meeting_id)
    newer = newer.where(later.seq > ParticipationRecord.seq)
    rows = session.execute(
        select(ParticipationRecord, Meeting, Person)
        .join(Meeting, Meeting.id == ParticipationRecord.meeting_id)
        .join(Person, Person.id == Meeting.citizen_id)
        .where(
            _caseload(caseworker_id),
            ParticipationRecord.status == RequestStatus.PENDING,
            Meeting.starts_at > now,
            ~newer,
        )
        .order_by(ParticipationRecord.at)
        .limit(PER_KIND)
    ).all()
    return [Item(Kind.WITHOUT_ATTENDING, r.at, p, m.id) for r, m, p in rows]


def _windows_ending(session: Session, caseworker_id: int, now: datetime) -> list[Item]:
    today = clock.local(now).date()
    last = add_working_days(today, WINDOW_WORKING_DAYS)
    booked = exists().where(
        # With the citizen: the (citizen, window) index answers it, not a read of every booking.
        Booking.citizen_id == DeadlineWindow.citizen_id,
        Booking.window_id == DeadlineWindow.id,
        Booking.status == BookingStatus.ACTIVE,
    )
    rows = session.execute(
        select(DeadlineWindow, Person)
        .join(Person, Person.id == DeadlineWindow.citizen_id)
        .where(
            _caseload(caseworker_id),
            DeadlineWindow.closes_on >= today,
            DeadlineWindow.closes_on <= last,
            ~booked,
        )
        .order_by(DeadlineWindow.closes_on, DeadlineWindow.id)
        .limit(PER_KIND)
    ).all()
    return [Item(Kind.WINDOW_ENDING, w.created_at, p, w.id, w.closes_on) for w, p in rows]


def _preparations_sent(session: Session, caseworker_id: int) -> list[Item]:
    later = aliased(PreparationSending)
    newer = exists().where(
        later.meeting_id == PreparationSending.meeting_id,
        later.sent_at > PreparationSending.sent_at,
    )
    last_look = (
        select(func.max(AuditEvent.at))
        .where(
            AuditEvent.actor_id == caseworker_id,
            AuditEvent.citizen_id == Meeting.citizen_id,
            AuditEvent.action == MEETING_VIEW_ACTION,
            AuditEvent.outcome == "allowed",
        )
        .correlate(Meeting)
        .scalar_subquery()
    )
    rows = session.execute(
        select(PreparationSending, Meeting, Person)
        .join(Meeting, Meeting.id == PreparationSending.meeting_id)
        .join(Person, Person.id == Meeting.citizen_id)
        .where(
            _caseload(caseworker_id),
            ~newer,
            (last_look.is_(None)) | (PreparationSending.sent_at > last_look),
        )
        .order_by(PreparationSending.sent_at)
        .limit(PER_KIND)
    ).all()
    return [Item(Kind.PREPARATION_SENT, s.sent_at, p, m.id) for s, m, p in rows]


def _decisions_unread(session: Session, caseworker_id: int, now: datetime) -> list[Item]:
    later = aliased(OutcomeVersion)
    newer = exists().where(
        later.outcome_id == OutcomeVersion.outcome_id,
        later.published_at.is_not(None),
        later.number > OutcomeVersion.number,
    )
    read = exists().where(OutcomeReceipt.version_id == OutcomeVersion.id)
    rows = session.execute(
        select(OutcomeVersion, Outcome, Person)
        .join(Outcome, Outcome.id == OutcomeVersion.outcome_id)
        .join(Person, Person.id == Outcome.citizen_id)
        .where(
            _caseload(caseworker_id),
            Outcome.kind == OutcomeKind.DECISION,
            OutcomeVersion.published_at.is_not(None),
            OutcomeVersion.published_at <= now - timedelta(days=UNREAD_DAYS),
            ~newer,
            ~read,
        )
        .order_by(OutcomeVersion.published_at)
        .limit(PER_KIND)
    ).all()
    return [Item(Kind.DECISION_UNREAD, v.published_at, p, o.id) for v, o, p in rows]


def _meeting_interpreters(session: Session, caseworker_id: int, now: datetime) -> list[Item]:
    """The citizen's standing choice (the newest record) names an interpreter's language."""
    later = aliased(ParticipationRecord)
    newer = exists().where(
        later.meeting_id == ParticipationRecord.meeting_id, later.seq > ParticipationRecord.seq
    )
    rows = session.execute(
        select(ParticipationRecord, Meeting, Person)
        .join(Meeting, Meeting.id == ParticipationRecord.meeting_id)
        .join(Person, Person.id == Meeting.citizen_id)
        .where(
            _caseload(caseworker_id),
            ParticipationRecord.interpreter_language.is_not(None),
            Meeting.starts_at > now,
            Meeting.starts_at <= now + timedelta(days=INTERPRETER_DAYS),
            ~newer,
        )
        .order_by(ParticipationRecord.at)
        .limit(PER_KIND)
    ).all()
    return [
        Item(Kind.MEETING_INTERPRETER, r.at, p, m.id, r.interpreter_language, m.starts_at)
        for r, m, p in rows
    ]


def _booking_interpreters(session: Session, caseworker_id: int, now: datetime) -> list[Item]:
    rows = session.execute(
        select(Booking, Slot, Person)
        .join(Slot, Slot.id == Booking.slot_id)
        .join(Person, Person.id == Booking.citizen_id)
        .where(
            _caseload(caseworker_id),
            Booking.status == BookingStatus.ACTIVE,
            Booking.interpreter_language.is_not(None),
            Slot.starts_at > now,
            Slot.starts_at <= now + timedelta(days=INTERPRETER_DAYS),
        )
        .order_by(Booking.booked_at)
        .limit(PER_KIND)
    ).all()
    return [
        Item(Kind.BOOKING_INTERPRETER, b.booked_at, p, b.id, b.interpreter_language, s.starts_at)
        for b, s, p in rows
    ]


def _failed_messages(session: Session, caseworker_id: int, now: datetime) -> list[Item]:
    rows = session.execute(
        select(Notification, Person)
        .join(Person, Person.id == Notification.citizen_id)
        .where(
            _caseload(caseworker_id),
            Notification.status == DeliveryStatus.FAILED,
            Notification.created_at >= now - timedelta(days=FAILED_DAYS),
        )
        .order_by(Notification.created_at)
        .limit(PER_KIND)
    ).all()
    return [Item(Kind.MESSAGE_FAILED, n.created_at, p, n.id, n.channel) for n, p in rows]


def waiting(session: Session, caseworker_id: int, now: datetime) -> list[Item]:
    """Everything that waits for the caseworker, oldest first, at most `LIMIT` items."""
    items = (
        _callbacks(session, caseworker_id)
        + _booking_help(session, caseworker_id)
        + _without_attending(session, caseworker_id, now)
        + _windows_ending(session, caseworker_id, now)
        + _preparations_sent(session, caseworker_id)
        + _decisions_unread(session, caseworker_id, now)
        + _meeting_interpreters(session, caseworker_id, now)
        + _booking_interpreters(session, caseworker_id, now)
        + _failed_messages(session, caseworker_id, now)
    )
    items.sort(key=lambda item: (item.since, item.kind, item.ref_id))
    return items[:LIMIT]


def record_seen(session: Session, actor_id: int, actor_role: str, items: list[Item]) -> None:
    """One audit row per citizen on the list: the citizen's access log shows the caseworker saw
    that something of theirs was waiting."""
    for citizen_id in sorted({item.citizen.id for item in items}):
        audit.record(
            session,
            actor_id=actor_id,
            actor_role=actor_role,
            citizen_id=citizen_id,
            action=SEEN_ACTION,
            target="/medarbejder",
            outcome="allowed",
        )


def handle_callback(
    session: Session, citizen_id: int, callback_id: int, *, note: str | None, actor_id: int, now
) -> CallbackRequest:
    """Mark a call-me request as handled, with an optional short note. Marking it again (a
    replay) changes nothing and is refused, so the first note stays."""
    request = session.get(CallbackRequest, callback_id)
    if request is None or request.citizen_id != citizen_id:
        raise NotFound("callback")
    note = (note or "").strip() or None
    if note and len(note) > NOTE_MAX:
        raise DomainError("note_too_long", field="note")
    if request.handled_at is not None:
        raise DomainError("callback_already_handled")
    request.handled_at = now
    request.handled_by_id = actor_id
    request.handled_note = note
    session.flush()
    return request
