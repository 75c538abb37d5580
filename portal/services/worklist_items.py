"""The caseworker's worklist as one statement: each kind of item (portal/services/worklist.py
lists them) is one branch of a `UNION ALL`, ordered and bounded (`PER_KIND`) on its own, and
the citizen of each item is joined once outside the union.

The statement is built once per process and run with named parameters (`parameters`):
building nine branches with their subqueries anew on every request cost more than running them.
"""

from __future__ import annotations

import functools
from datetime import datetime, timedelta

from sqlalchemy import (
    Date,
    Integer,
    Select,
    String,
    and_,
    bindparam,
    cast,
    exists,
    func,
    literal,
    null,
    select,
    union_all,
)
from sqlalchemy.orm import aliased

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
from portal.services.working_days import add_working_days

PER_KIND = 20
WINDOW_WORKING_DAYS = 3
UNREAD_DAYS = 7
INTERPRETER_DAYS = 14
FAILED_DAYS = 14
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


_CASEWORKER = bindparam("caseworker_id", type_=Integer)
_NOW = bindparam("now", type_=UTCDateTime())
_TODAY = bindparam("today", type_=Date)
_LAST_DAY = bindparam("last_day", type_=Date)  # of a window that ends soon
_INTERPRETER_UNTIL = bindparam("interpreter_until", type_=UTCDateTime())
_UNREAD_BEFORE = bindparam("unread_before", type_=UTCDateTime())
_FAILED_SINCE = bindparam("failed_since", type_=UTCDateTime())


def parameters(caseworker_id: int, now: datetime) -> dict:
    today = clock.local(now).date()
    return {
        "caseworker_id": caseworker_id,
        "now": now,
        "today": today,
        "last_day": add_working_days(today, WINDOW_WORKING_DAYS),
        "interpreter_until": now + timedelta(days=INTERPRETER_DAYS),
        "unread_before": now - timedelta(days=UNREAD_DAYS),
        "failed_since": now - timedelta(days=FAILED_DAYS),
    }


def _caseload():
    return and_(Person.caseworker_id == _CASEWORKER, Person.kind == PersonKind.CITIZEN)


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


def _callbacks() -> Select:
    return (
        _branch(Kind.CALLBACK, CallbackRequest.at, CallbackRequest.id)
        .join(Person, Person.id == CallbackRequest.citizen_id)
        .where(_caseload(), CallbackRequest.handled_at.is_(None))
        .order_by(CallbackRequest.at)
    )


def _booking_help() -> Select:
    return (
        _branch(
            Kind.BOOKING_HELP,
            BookingHelpRequest.at,
            BookingHelpRequest.id,
            note=BookingHelpRequest.reason,
        )
        .join(Person, Person.id == BookingHelpRequest.citizen_id)
        .where(_caseload(), BookingHelpRequest.answered_at.is_(None))
        .order_by(BookingHelpRequest.at)
    )


def _without_attending() -> Select:
    return (
        _branch(Kind.WITHOUT_ATTENDING, ParticipationRecord.at, Meeting.id)
        .select_from(ParticipationRecord)
        .join(Meeting, Meeting.id == ParticipationRecord.meeting_id)
        .join(Person, Person.id == Meeting.citizen_id)
        .where(
            _caseload(),
            ParticipationRecord.status == RequestStatus.PENDING,
            Meeting.starts_at > _NOW,
            _in_force(),
        )
        .order_by(ParticipationRecord.at)
    )


def _windows_ending() -> Select:
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
            _caseload(),
            DeadlineWindow.closes_on >= _TODAY,
            DeadlineWindow.closes_on <= _LAST_DAY,
            ~booked,
        )
        .order_by(DeadlineWindow.closes_on, DeadlineWindow.id)
    )


def _preparations_sent() -> Select:
    later = aliased(PreparationSending)
    newer = exists().where(
        later.meeting_id == PreparationSending.meeting_id,
        later.sent_at > PreparationSending.sent_at,
    )
    last_look = (
        select(func.max(AuditEvent.at))
        .where(
            AuditEvent.actor_id == _CASEWORKER,
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
            _caseload(),
            ~newer,
            (last_look.is_(None)) | (PreparationSending.sent_at > last_look),
        )
        .order_by(PreparationSending.sent_at)
    )


def _decisions_unread() -> Select:
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
            _caseload(),
            Outcome.kind == OutcomeKind.DECISION,
            OutcomeVersion.published_at.is_not(None),
            OutcomeVersion.published_at <= _UNREAD_BEFORE,
            ~newer,
            ~read,
        )
        .order_by(OutcomeVersion.published_at)
    )


def _meeting_interpreters() -> Select:
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
            _caseload(),
            ParticipationRecord.interpreter_language.is_not(None),
            Meeting.starts_at > _NOW,
            Meeting.starts_at <= _INTERPRETER_UNTIL,
            _in_force(),
        )
        .order_by(ParticipationRecord.at)
    )


def _booking_interpreters() -> Select:
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
            _caseload(),
            Booking.status == BookingStatus.ACTIVE,
            Booking.interpreter_language.is_not(None),
            Slot.starts_at > _NOW,
            Slot.starts_at <= _INTERPRETER_UNTIL,
        )
        .order_by(Booking.booked_at)
    )


def _failed_messages() -> Select:
    return (
        _branch(
            Kind.MESSAGE_FAILED,
            Notification.created_at,
            Notification.id,
            note=Notification.channel,
        )
        .join(Person, Person.id == Notification.citizen_id)
        .where(
            _caseload(),
            Notification.status == DeliveryStatus.FAILED,
            Notification.created_at >= _FAILED_SINCE,
        )
        .order_by(Notification.created_at)
    )


def _bounded(branch: Select) -> Select:
    """A branch with its own order and bound. SQLite accepts ORDER BY and LIMIT inside a
    UNION only in a subquery, so each branch is read through one."""
    inner = branch.limit(PER_KIND).subquery()
    return select(*inner.c)


@functools.cache
def statement() -> Select:
    """The nine kinds' bounded reads put together, with the citizen of each item."""
    branches = union_all(
        *(
            _bounded(branch())
            for branch in (
                _callbacks,
                _booking_help,
                _without_attending,
                _windows_ending,
                _preparations_sent,
                _decisions_unread,
                _meeting_interpreters,
                _booking_interpreters,
                _failed_messages,
            )
        )
    ).subquery()
    return select(Person, branches).join(branches, branches.c.citizen_id == Person.id)
