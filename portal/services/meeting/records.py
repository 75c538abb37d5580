"""Reading a meeting and its append-only history, and the state a page shows from them.

Consent and participation are append-only: every change is a new record, and the current state
is read from the latest one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from portal.models import ConsentRecord, Meeting, Mode, ParticipationRecord
from portal.services.errors import DomainError, NotFound
from portal.services.meeting.rules import can_change, ends_at


def current_meeting(session: Session, citizen_id: int, at: datetime) -> Meeting | None:
    """The citizen's next meeting that has not ended yet."""
    meetings = session.scalars(
        select(Meeting).where(Meeting.citizen_id == citizen_id).order_by(Meeting.starts_at)
    ).all()
    return next((m for m in meetings if ends_at(m) > at), None)


def upcoming_meeting(session: Session, citizen_id: int, at: datetime) -> Meeting:
    """The citizen's current meeting, for pages that make no sense without one."""
    meeting = current_meeting(session, citizen_id, at)
    if meeting is None:
        raise NotFound("meeting")
    return meeting


def meeting_of(session: Session, citizen_id: int, meeting_id: int | None) -> Meeting:
    """The citizen's meeting with this id; another citizen's id, or none, is not found."""
    meeting = (
        session.scalar(
            select(Meeting).where(Meeting.id == meeting_id, Meeting.citizen_id == citizen_id)
        )
        if meeting_id is not None
        else None
    )
    if meeting is None:
        raise NotFound("meeting")
    return meeting


def consent_history(session: Session, meeting: Meeting) -> list[ConsentRecord]:
    """Newest first."""
    return list(
        session.scalars(
            select(ConsentRecord)
            .where(ConsentRecord.meeting_id == meeting.id)
            .order_by(ConsentRecord.at.desc(), ConsentRecord.id.desc())
        )
    )


def consent_given(session: Session, meeting: Meeting) -> bool:
    history = consent_history(session, meeting)
    return bool(history) and history[0].given


def participation_history(session: Session, meeting: Meeting) -> list[ParticipationRecord]:
    """Newest first."""
    return list(
        session.scalars(
            select(ParticipationRecord)
            .where(ParticipationRecord.meeting_id == meeting.id)
            .order_by(ParticipationRecord.at.desc(), ParticipationRecord.id.desc())
        )
    )


def current_participation(session: Session, meeting: Meeting) -> ParticipationRecord | None:
    history = participation_history(session, meeting)
    return history[0] if history else None


def consent_record_of(session: Session, citizen_id: int, record_id: int) -> ConsentRecord:
    record = session.scalar(
        select(ConsentRecord)
        .join(Meeting, ConsentRecord.meeting_id == Meeting.id)
        .where(ConsentRecord.id == record_id, Meeting.citizen_id == citizen_id)
    )
    if record is None:
        raise NotFound("consent_record")
    return record


def participation_record_of(
    session: Session, citizen_id: int, record_id: int
) -> ParticipationRecord:
    """One record of the citizen's participation history (for its receipt); another citizen's
    id, or an unknown one, is not found."""
    record = session.scalar(
        select(ParticipationRecord)
        .join(Meeting, ParticipationRecord.meeting_id == Meeting.id)
        .where(ParticipationRecord.id == record_id, Meeting.citizen_id == citizen_id)
    )
    if record is None:
        raise NotFound("participation_record")
    return record


@dataclass(frozen=True)
class MeetingState:
    meeting: Meeting
    consent: bool
    consent_history: list[ConsentRecord]
    participation: ParticipationRecord | None
    participation_history: list[ParticipationRecord]
    can_change: bool
    video_link_shown: bool

    @property
    def mode(self) -> str:
        """The mode in force; with no choice yet, the citizen is expected in person."""
        return self.participation.mode if self.participation else Mode.IN_PERSON

    @property
    def version(self) -> int:
        """The version of the participation choices: a form carries it, so a replay is noticed."""
        return version_of(self.participation_history)


def version_of(history: list[ParticipationRecord]) -> int:
    """1 before any choice, one more for every record: always a positive number a form can hold."""
    return len(history) + 1


def state(session: Session, meeting: Meeting, at: datetime) -> MeetingState:
    consents = consent_history(session, meeting)
    participations = participation_history(session, meeting)
    consent = bool(consents) and consents[0].given
    current = participations[0] if participations else None
    video = (
        consent
        and current is not None
        and current.mode == Mode.VIRTUAL
        and bool(meeting.video_url)
        and meeting.starts_at - timedelta(minutes=meeting.video_opens_minutes)
        <= at
        < ends_at(meeting)
    )
    return MeetingState(
        meeting=meeting,
        consent=consent,
        consent_history=consents,
        participation=current,
        participation_history=participations,
        can_change=can_change(meeting, at),
        video_link_shown=video,
    )


def write_next_records(session: Session, *records, changed: str) -> None:
    """Add the next record(s) of a history. If another request wrote the same step first (a
    double-click racing itself), the unique (meeting_id, seq) constraint refuses it: nothing is
    written twice, the request's earlier work stays intact, and the form is refused as `changed`
    (the code saying the state changed since the form was built)."""
    try:
        with session.begin_nested():
            session.add_all(records)
    except IntegrityError:
        raise DomainError(changed) from None
