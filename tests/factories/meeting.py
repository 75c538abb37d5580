"""Meetings and their records, built directly as rows (not through the service under test).

`meeting()` makes a citizen (with a caseworker) unless one is given, a meeting on Thursday
7 March 2030 at 10.00 Danish time with the default deadline, and a small team.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from portal import clock
from portal.models import (
    ConsentRecord,
    Meeting,
    MeetingMember,
    Mode,
    ParticipationRecord,
    Person,
    Source,
    TeamRole,
)
from portal.services.meeting.rules import default_deadline
from tests.factories import people

THURSDAY = clock.at_local(date(2030, 3, 7), 10)


def meeting(
    session,
    citizen: Person | None = None,
    *,
    starts_at: datetime | None = None,
    deadline: datetime | None = None,
    place: str | None = "Jobcentret",
    video_url: str | None = "https://video.example/x",
    duration_minutes: int = 30,
    team: dict[str, str | None] | None = None,
) -> Meeting:
    citizen = citizen or people.citizen(session)
    starts_at = starts_at or THURSDAY
    team = team if team is not None else {TeamRole.EMPLOYMENT: "Anders", TeamRole.EDUCATION: None}
    row = Meeting(
        citizen_id=citizen.id,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        place=place,
        video_url=video_url,
        change_deadline=deadline or default_deadline(starts_at),
        video_opens_minutes=15,
        created_at=starts_at - timedelta(days=30),
        created_by_id=citizen.caseworker_id,
        members=[MeetingMember(role=role, name=name) for role, name in team.items()],
    )
    session.add(row)
    session.flush()
    return row


def _next_seq(session, model, meeting: Meeting) -> int:
    return session.query(model).filter_by(meeting_id=meeting.id).count() + 1


def consent(session, meeting: Meeting, given: bool = True, *, at: datetime) -> ConsentRecord:
    record = ConsentRecord(
        meeting_id=meeting.id,
        seq=_next_seq(session, ConsentRecord, meeting),
        given=given,
        at=at,
        actor_id=meeting.citizen_id,
    )
    session.add(record)
    session.flush()
    return record


def participation(
    session, meeting: Meeting, mode: str = Mode.IN_PERSON, *, at: datetime, **fields
) -> ParticipationRecord:
    fields.setdefault("source", Source.CHOICE)
    fields.setdefault("actor_id", meeting.citizen_id)
    record = ParticipationRecord(
        meeting_id=meeting.id,
        seq=_next_seq(session, ParticipationRecord, meeting),
        mode=mode,
        at=at,
        **fields,
    )
    session.add(record)
    session.flush()
    return record
