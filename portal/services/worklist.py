""" "Det venter på dig": what waits for a caseworker across their caseload, oldest first.

Each kind of item is one bounded branch over the caseworker's own citizens (never more than
`PER_KIND` rows of a kind, `LIMIT` in all), and the branches are read together in one
`UNION ALL` statement with the citizen of each item, so the page costs the same however large
the database grows:

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

from sqlalchemy import (
    Date,
    Select,
    String,
    and_,
    cast,
    exists,
    func,
    literal,
    null,
    select,
    union_all,
)
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
from portal.models.types import UTCDateTime
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


# Every branch of the union hands back the same columns. `day` (a date) and `note` (a code or
# a language) are apart because PostgreSQL will not put dates and text in one column. The typed
# NULLs tell both databases, and SQLAlchemy's result processing, what a missing value is.
def _branch(kind: str, since, ref_id, *, day=None, note=None, starts_at=None):
    """The columns of one kind of item; the caller adds its joins, filters, order and bound."""
    return select(
        literal(kind, String).label("kind"),
        since.label("since"),
        Person.id.label("citizen_id"),
        ref_id.label("ref_id"),
        (day if day is not None else cast(null(), Date)).label("day"),
        (note if note is not None else cast(null(), String)).label("note"),
        (starts_at if starts_at is not None else cast(null(), UTCDateTime())).label("starts_at"),
    )


def _in_force():
    """The participation record is the citizen's standing choice: none later for the meeting."""
    later = aliased(ParticipationRecord)
    return ~exists().where(
        later.meeting_id == ParticipationRecord.meeting_id, later.seq > ParticipationRecord.seq
    )


def _callbacks(caseworker_id: int) -> Select:
    return (
        _branch(Kind.CALLBACK, CallbackRequest.at, CallbackRequest.id)
        .join(Person, Person.id == CallbackRequest.citizen_id)
        .where(_caseload(caseworker_id), CallbackRequest.handled_at.is_(None))
        .order_by(CallbackRequest.at)
    )


def _booking_help(caseworker_id: int) -> Select:
    return (
        _branch(
            Kind.BOOKING_HELP,
            BookingHelpRequest.at,
            BookingHelpRequest.id,
            note=BookingHelpRequest.reason,
        )
        .join(Person, Person.id == BookingHelpRequest.citizen_id)
        .where(_caseload(caseworker_id), BookingHelpRequest.answered_at.is_(None))
        .order_by(BookingHelpRequest.at)
    )


def _without_attending(caseworker_id: int, now: datetime) -> Select:
    return (
        _branch(Kind.WITHOUT_ATTENDING, ParticipationRecord.at, Meeting.id)
        .select_from(ParticipationRecord)
        .join(Meeting, Meeting.id == ParticipationRecord.meeting_id)
        .join(Person, Person.id == Meeting.citizen_id)
        .where(
            _caseload(caseworker_id),
            ParticipationRecord.status == RequestStatus.PENDING,
            Meeting.starts_at > now,
            _in_force(),
        )
        .order_by(ParticipationRecord.at)
    )


def _windows_ending(caseworker_id: int, now: datetime) -> Select:
    today = clock.local(now).date()
    last = add_working_days(today, WINDOW_WORKING_DAYS)
    booked = exists().where(
        # With the citizen: the (citizen, window) index answers it, not a read of every booking.
        Booking.citizen_id == DeadlineWindow.citizen_id,
        Booking.window_id == DeadlineWindow.id,
        Booking.status == BookingStatus.ACTIVE,
    )
    return (
        _branch(
            Kind.WINDOW_ENDING,
            DeadlineWindow.created_at,
            DeadlineWindow.id,
            day=DeadlineWindow.closes_on,
        )
        .join(Person, Person.id == DeadlineWindow.citizen_id)
        .where(
            _caseload(caseworker_id),
            DeadlineWindow.closes_on >= today,
            DeadlineWindow.closes_on <= last,
            ~booked,
        )
        .order_by(DeadlineWindow.closes_on, DeadlineWindow.id)
    )


def _preparations_sent(caseworker_id: int) -> Select:
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
    return (
        _branch(Kind.PREPARATION_SENT, PreparationSending.sent_at, Meeting.id)
        .select_from(PreparationSending)
        .join(Meeting, Meeting.id == PreparationSending.meeting_id)
        .join(Person, Person.id == Meeting.citizen_id)
        .where(
            _caseload(caseworker_id),
            ~newer,
            (last_look.is_(None)) | (PreparationSending.sent_at > last_look),
        )
        .order_by(PreparationSending.sent_at)
    )


def _decisions_unread(caseworker_id: int, now: datetime) -> Select:
    later = aliased(OutcomeVersion)
    newer = exists().where(
        later.outcome_id == OutcomeVersion.outcome_id,
        later.published_at.is_not(None),
        later.number > OutcomeVersion.number,
    )
    read = exists().where(OutcomeReceipt.version_id == OutcomeVersion.id)
    return (
        _branch(Kind.DECISION_UNREAD, OutcomeVersion.published_at, Outcome.id)
        .select_from(OutcomeVersion)
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
    )


def _meeting_interpreters(caseworker_id: int, now: datetime) -> Select:
    """The citizen's standing choice (the newest record) names an interpreter's language."""
    return (
        _branch(
            Kind.MEETING_INTERPRETER,
            ParticipationRecord.at,
            Meeting.id,
            note=ParticipationRecord.interpreter_language,
            starts_at=Meeting.starts_at,
        )
        .select_from(ParticipationRecord)
        .join(Meeting, Meeting.id == ParticipationRecord.meeting_id)
        .join(Person, Person.id == Meeting.citizen_id)
        .where(
            _caseload(caseworker_id),
            ParticipationRecord.interpreter_language.is_not(None),
            Meeting.starts_at > now,
            Meeting.starts_at <= now + timedelta(days=INTERPRETER_DAYS),
            _in_force(),
        )
        .order_by(ParticipationRecord.at)
    )


def _booking_interpreters(caseworker_id: int, now: datetime) -> Select:
    return (
        _branch(
            Kind.BOOKING_INTERPRETER,
            Booking.booked_at,
            Booking.id,
            note=Booking.interpreter_language,
            starts_at=Slot.starts_at,
        )
        .select_from(Booking)
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
    )


def _failed_messages(caseworker_id: int, now: datetime) -> Select:
    return (
        _branch(
            Kind.MESSAGE_FAILED,
            Notification.created_at,
            Notification.id,
            note=Notification.channel,
        )
        .join(Person, Person.id == Notification.citizen_id)
        .where(
            _caseload(caseworker_id),
            Notification.status == DeliveryStatus.FAILED,
            Notification.created_at >= now - timedelta(days=FAILED_DAYS),
        )
        .order_by(Notification.created_at)
    )


def _bounded(branch: Select) -> Select:
    """A branch with its own order and bound. SQLite accepts ORDER BY and LIMIT inside a
    UNION only in a subquery, so each branch is read through one."""
    inner = branch.limit(PER_KIND).subquery()
    return select(*inner.c)


def waiting(session: Session, caseworker_id: int, now: datetime) -> list[Item]:
    """Everything that waits for the caseworker, oldest first, at most `LIMIT` items: one
    statement, the nine kinds' bounded reads put together, with the citizen of each item."""
    branches = union_all(
        _bounded(_callbacks(caseworker_id)),
        _bounded(_booking_help(caseworker_id)),
        _bounded(_without_attending(caseworker_id, now)),
        _bounded(_windows_ending(caseworker_id, now)),
        _bounded(_preparations_sent(caseworker_id)),
        _bounded(_decisions_unread(caseworker_id, now)),
        _bounded(_meeting_interpreters(caseworker_id, now)),
        _bounded(_booking_interpreters(caseworker_id, now)),
        _bounded(_failed_messages(caseworker_id, now)),
    ).subquery()
    rows = session.execute(
        select(Person, branches).join(branches, branches.c.citizen_id == Person.id)
    ).all()
    items = [
        Item(
            row.kind,
            row.since,
            row.Person,
            row.ref_id,
            row.day if row.kind == Kind.WINDOW_ENDING else row.note,
            row.starts_at,
        )
        for row in rows
    ]
    # At most nine times PER_KIND rows: sorting them here keeps the tie-break on the kind's
    # name independent of the database's collation.
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
