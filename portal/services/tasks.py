"""What the citizen must do, and what happens soon: the front page's two lists.

Plain data out (dataclasses of dates, kinds, an endpoint name with its arguments and the key of
one plain sentence), so the front page and, later, reminders read the same answer. No Flask.

A task is something the person can act on in the portal before a date:

    book          book a conversation in the open deadline window (nothing booked in it yet)
    participation choose how to take part in the meeting, before its change deadline (no
                  choice yet, or the one in force is not the citizen's own any more)
    read          read a new (unread) outcome; for a decision, appeal by its deadline
    preparation   send the preparation for the meeting (never sent, or changed since)
    fuldmagt      a fuldmagt the citizen gave ends within FULDMAGT_SOON days

An event is something that happens soon: the meeting, a booked conversation, a planned step of
the plan that starts. Each item names the access action (`needs`, an `access.Action` value) that
opening its link requires; `may` filters by it, so a delegate sees only what their scope covers.

Cost: every source is one query with a LIMIT, so the number of statements is fixed and each
answer is bounded, whatever the size of the database (tests/integration/test_tasks.py counts).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from sqlalchemy import and_, func, select, true
from sqlalchemy.orm import Session

from portal import clock
from portal.models import (
    Booking,
    BookingStatus,
    DeadlineWindow,
    Exemption,
    Fuldmagt,
    Meeting,
    Outcome,
    OutcomeKind,
    OutcomeReceipt,
    OutcomeVersion,
    ParticipationRecord,
    Person,
    Preparation,
    RequestStatus,
    Source,
)
from portal.services import coming as soon
from portal.services import sensitivity
from portal.services.appeal import appeal_deadline
from portal.services.coming import Event

FULDMAGT_SOON = 30  # days before a fuldmagt's last day that it becomes a task
COMING_SHOWN = 5  # events on the front page; the rest are one link away
COMING_MAX = 30  # events read at most, for the page with all of them
OUTCOMES_MAX = 10  # unread outcomes read at most
MEETINGS_AHEAD = 3  # meetings read at most (the current one is among the first)


class TaskKind(StrEnum):
    BOOK = "book"
    PARTICIPATION = "participation"
    READ = "read"
    PREPARATION = "preparation"
    FULDMAGT = "fuldmagt"


@dataclass(frozen=True)
class Task:
    kind: TaskKind
    due: date | None  # the last day to do it (Danish calendar), None: no deadline
    sentence: str  # key of the plain sentence on why it matters (portal/text/tasks.py)
    endpoint: str  # where it is done
    args: dict = field(default_factory=dict)
    needs: str = ""  # the access action value the link requires
    subject: str | None = None  # a name or title the sentence mentions
    opens_on: date | None = None  # a booking window not yet open: from this day
    overdue: bool = False  # the deadline has passed (the task still stands, e.g. unread)
    due_at: datetime | None = None  # the exact instant, when the deadline has a time of day


@dataclass(frozen=True)
class Overview:
    tasks: list[Task]
    coming: list[Event]  # nearest first, at most the number asked for
    more_coming: bool  # there are more events than shown


def _sort_key(task: Task):
    return (task.due is None, task.due or date.max, task.kind.value)


def overview(
    session: Session,
    citizen_id: int,
    now: datetime,
    *,
    may: Callable[[str], bool] = lambda needs: True,
    coming: int = COMING_SHOWN,
    include_sensitive: bool = True,
) -> Overview:
    """The citizen's open tasks (nearest deadline first) and coming events (nearest first)."""
    today = clock.local(now).date()
    meeting, state = _current_meeting(session, citizen_id, now)
    found: list[Task] = []
    if may("booking.change"):
        found += _book(session, citizen_id, today)
    if meeting is not None and may("meeting.participation"):
        found += _participation(state, meeting, now)
    if meeting is not None and may("meeting.preparation"):
        found += _preparation(state, meeting, now)
    if may("outcomes.view"):
        found += _read(session, citizen_id, today, include_sensitive)
    if may("fuldmagt.view"):
        found += _fuldmagt(session, citizen_id, today)
    events = soon.read_events(
        session, citizen_id, meeting, now, today, may, coming + 1, include_sensitive
    )
    return Overview(
        tasks=sorted(found, key=_sort_key),
        coming=events[:coming],
        more_coming=len(events) > coming,
    )


def coming_events(
    session: Session,
    citizen_id: int,
    now: datetime,
    *,
    may: Callable[[str], bool] = lambda needs: True,
    include_sensitive: bool = True,
) -> list[Event]:
    """All coming events for the page behind "see all", at most COMING_MAX."""
    today = clock.local(now).date()
    meeting, _ = _current_meeting(session, citizen_id, now)
    return soon.read_events(
        session, citizen_id, meeting, now, today, may, COMING_MAX, include_sensitive
    )


# --- Sources, one query each ----------------------------------------------------------------


@dataclass(frozen=True)
class _MeetingState:
    source: str | None  # of the participation record in force (None: no choice yet)
    status: str | None
    saved_at: datetime | None  # of the preparation
    sent_at: datetime | None


def _current_meeting(
    session: Session, citizen_id: int, now: datetime
) -> tuple[Meeting | None, _MeetingState | None]:
    """The next meeting that has not ended (a meeting lasts at most a day), with the
    participation in force and the preparation's times, read in the same query."""

    def latest(column):
        return (
            select(column)
            .where(ParticipationRecord.meeting_id == Meeting.id)
            .order_by(ParticipationRecord.seq.desc())
            .limit(1)
            .scalar_subquery()
        )

    def prepared(column):
        return select(column).where(Preparation.meeting_id == Meeting.id).scalar_subquery()

    rows = session.execute(
        select(
            Meeting,
            latest(ParticipationRecord.source),
            latest(ParticipationRecord.status),
            prepared(Preparation.saved_at),
            prepared(Preparation.sent_at),
        )
        .where(Meeting.citizen_id == citizen_id, Meeting.starts_at > now - timedelta(days=1))
        .order_by(Meeting.starts_at)
        .limit(MEETINGS_AHEAD)
    ).all()
    for meeting, *state in rows:
        if meeting.starts_at + timedelta(minutes=meeting.duration_minutes) > now:
            return meeting, _MeetingState(*state)
    return None, None


def _book(session: Session, citizen_id: int, today: date) -> list[Task]:
    """The open window with nothing booked in it, unless the citizen is exempted."""
    exempted = (
        select(Exemption.exempted)
        .where(Exemption.citizen_id == citizen_id)
        .order_by(Exemption.at.desc(), Exemption.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    booked = (
        select(Booking.id)
        .where(
            # The citizen's own bookings first: the (citizen, window) index, not every booking.
            Booking.citizen_id == citizen_id,
            Booking.window_id == DeadlineWindow.id,
            Booking.status == BookingStatus.ACTIVE,
        )
        .exists()
    )
    row = session.execute(
        select(DeadlineWindow, exempted, booked)
        .where(DeadlineWindow.citizen_id == citizen_id, DeadlineWindow.closes_on >= today)
        .order_by(DeadlineWindow.created_at.desc(), DeadlineWindow.id.desc())
        .limit(1)
    ).first()
    if row is None or row[1] or row[2]:
        return []
    window = row[0]
    return [
        Task(
            kind=TaskKind.BOOK,
            due=window.closes_on,
            sentence="book",
            endpoint="booking.choose",
            needs="booking.change",
            subject=window.topic,
            opens_on=window.opens_on if window.opens_on > today else None,
        )
    ]


def _participation(state: _MeetingState, meeting: Meeting, now: datetime) -> list[Task]:
    """No choice made yet, and the change deadline has not passed."""
    if now >= meeting.change_deadline:
        return []
    if state.source is not None and not _choose_again(state.source, state.status):
        return []
    return [
        Task(
            kind=TaskKind.PARTICIPATION,
            due=_last_day_before(meeting.change_deadline),
            sentence="participation",
            due_at=meeting.change_deadline,
            endpoint="meeting.participation",
            needs="meeting.participation",
        )
    ]


def _choose_again(source: str, status: str | None) -> bool:
    """The choice in force is not one the citizen stands by: the portal switched it (consent
    was withdrawn while video was chosen) or the team declined a request to stay away."""
    if source == Source.CONSENT_WITHDRAWN:
        return True
    return source == Source.ASSESSMENT and status == RequestStatus.DECLINED


def _last_day_before(deadline: datetime) -> date:
    """The last Danish day one can act: the deadline's day (it is strictly before its time)."""
    return clock.local(deadline).date()


def _preparation(state: _MeetingState, meeting: Meeting, now: datetime) -> list[Task]:
    """Never sent, or changed since it was sent; until the meeting starts."""
    if now >= meeting.starts_at:
        return []
    saved_at, sent_at = state.saved_at, state.sent_at
    if sent_at is not None and (saved_at is None or saved_at <= sent_at):
        return []
    return [
        Task(
            kind=TaskKind.PREPARATION,
            due=clock.local(meeting.starts_at).date(),
            sentence="preparation_changed" if sent_at else "preparation",
            endpoint="meeting.check" if saved_at else "meeting.prepare",
            args={} if saved_at else {"section": "situation"},
            needs="meeting.preparation",
        )
    ]


def _read(session: Session, citizen_id: int, today: date, include_sensitive: bool) -> list[Task]:
    """Published outcomes whose newest published version the citizen has not read; without those
    linked to a sensitive effort for a reader who may not see them (as the outcomes pages)."""
    newest = (
        select(OutcomeVersion.outcome_id, func.max(OutcomeVersion.number).label("number"))
        .where(
            OutcomeVersion.published_at.is_not(None),
            # Only this citizen's outcomes: without it the grouping reads the whole table.
            OutcomeVersion.outcome_id.in_(
                select(Outcome.id).where(Outcome.citizen_id == citizen_id)
            ),
        )
        .group_by(OutcomeVersion.outcome_id)
        .subquery()
    )
    receipt = (
        select(OutcomeReceipt.id)
        .where(
            OutcomeReceipt.version_id == OutcomeVersion.id,
            OutcomeReceipt.reader_id == citizen_id,
        )
        .exists()
    )
    rows = session.execute(
        select(Outcome.id, Outcome.kind, OutcomeVersion)
        .join(newest, newest.c.outcome_id == Outcome.id)
        .join(
            OutcomeVersion,
            and_(
                OutcomeVersion.outcome_id == Outcome.id,
                OutcomeVersion.number == newest.c.number,
            ),
        )
        .where(
            Outcome.citizen_id == citizen_id,
            ~receipt,
            true() if include_sensitive else sensitivity.outcome_not_sensitive(),
        )
        .order_by(OutcomeVersion.published_at.desc(), Outcome.id.desc())
        .limit(OUTCOMES_MAX)
    ).all()
    found = []
    for outcome_id, kind, version in rows:
        due = None
        if kind == OutcomeKind.DECISION:
            due = appeal_deadline(
                version.decision_date, received=version.received_date, weeks=version.appeal_weeks
            )
        found.append(
            Task(
                kind=TaskKind.READ,
                due=due,
                sentence="read_decision" if kind == OutcomeKind.DECISION else "read_recommendation",
                endpoint="outcomes.show",
                args={"outcome_id": outcome_id},
                needs="outcomes.view",
                subject=version.title,
                overdue=due is not None and due < today,
            )
        )
    return found


def _fuldmagt(session: Session, citizen_id: int, today: date) -> list[Task]:
    """Fuldmagter in force that end within FULDMAGT_SOON days."""
    rows = session.execute(
        select(Fuldmagt.id, Fuldmagt.ends_on, Person.first_name)
        .join(Person, Person.id == Fuldmagt.holder_id)
        .where(
            Fuldmagt.citizen_id == citizen_id,
            Fuldmagt.revoked_at.is_(None),
            Fuldmagt.given_up_at.is_(None),
            Fuldmagt.starts_on <= today,
            Fuldmagt.ends_on >= today,
            Fuldmagt.ends_on <= today + timedelta(days=FULDMAGT_SOON),
        )
        .order_by(Fuldmagt.ends_on, Fuldmagt.id)
        .limit(OUTCOMES_MAX)
    ).all()
    return [
        Task(
            kind=TaskKind.FULDMAGT,
            due=ends_on,
            sentence="fuldmagt",
            endpoint="delegation.change",
            args={"fuldmagt_id": fuldmagt_id},
            needs="fuldmagt.view",
            subject=holder,
        )
        for fuldmagt_id, ends_on, holder in rows
    ]
