"""Demo rehabilitation meetings for Hanne, Lærke and Gitte, dated relative to today.

Rebuilt on every run: the meeting rows of the demo citizens are removed and made again, so the
demo always shows an upcoming meeting with an open deadline.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from portal import clock
from portal.models import (
    ConsentRecord,
    Meeting,
    MeetingMember,
    Mode,
    ParticipationRecord,
    Person,
    Preparation,
    PreparationSending,
    TeamRole,
)
from portal.models.meeting import deleting_records
from portal.org import DEMO, Organisation
from portal.services import meeting as meetings
from portal.services.working_days import next_working_day

E, H, S, U, C = (
    TeamRole.EMPLOYMENT,
    TeamRole.HEALTH,
    TeamRole.SOCIAL,
    TeamRole.EDUCATION,
    TeamRole.COMPANY,
)

VIDEO = "https://video.jobcenter.example/rehab"

# first name: (days from today, hour, caseworker, team {role: name})
MEETINGS = {
    "Hanne": (
        12,
        10,
        "Anders",
        {E: "Anders Mikkelsen", H: "Susanne Krag", S: None, C: "Peter Lund"},
    ),
    "Lærke": (
        15,
        13,
        "Anders",
        {
            E: "Anders Mikkelsen",
            H: "Susanne Krag",
            S: "Mette Bach",
            U: "Sara Holm",
        },
    ),
    "Gitte": (
        18,
        9,
        "Rikke",
        {E: "Rikke Thomsen", H: "Susanne Krag", S: None},
    ),
}


def _clear(session: Session, citizen_ids: list[int]) -> None:
    ids = select(Meeting.id).where(Meeting.citizen_id.in_(citizen_ids))
    with deleting_records(session):  # the demo people's meetings go whole
        for model in (
            ConsentRecord,
            ParticipationRecord,
            Preparation,
            PreparationSending,
            MeetingMember,
        ):
            session.execute(delete(model).where(model.meeting_id.in_(ids)))
    session.execute(delete(Meeting).where(Meeting.citizen_id.in_(citizen_ids)))


def load(
    session: Session, today: date, people: dict[str, Person], org: Organisation = DEMO
) -> None:
    _clear(session, [people[name].id for name in MEETINGS])
    session.flush()
    created = {}
    for name, (days, hour, caseworker, team) in MEETINGS.items():
        citizen, worker = people[name], people[caseworker]
        created_at = clock.at_local(today - timedelta(days=20), 11)
        created[name] = meetings.plan_meeting(
            session,
            citizen.id,
            starts_at=clock.at_local(next_working_day(today + timedelta(days=days)), hour),
            at=created_at,
            actor_id=worker.id,
            place=f"{org.jobcenter}, {org.address}, mødelokale 2",
            video_url=VIDEO,
            roles=team,
        )
    # Hanne has changed her mind once already: some history to see.
    hanne, meeting = people["Hanne"], created["Hanne"]
    meetings.set_consent(
        session,
        meeting,
        True,
        at=clock.at_local(today - timedelta(days=9), 14, 5),
        actor_id=hanne.id,
    )
    meetings.choose_participation(
        session,
        meeting,
        Mode.VIRTUAL,
        at=clock.at_local(today - timedelta(days=9), 14, 7),
        actor_id=hanne.id,
        expected_version=1,
    )
    meetings.set_consent(
        session,
        meeting,
        False,
        at=clock.at_local(today - timedelta(days=4), 9, 30),
        actor_id=hanne.id,
    )
    session.flush()
