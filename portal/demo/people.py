"""The demo people of DOMAIN.md: caseworkers, citizens and relatives, updated in place.

Their identifiers are fictitious: day 99 of a month never begins a real CPR number."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.models import Course, Person, PersonKind

CASEWORKERS = {
    "demo-anders": dict(
        identifier="9901012001",
        first_name="Anders",
        last_name="Mikkelsen",
        job_title="Koordinerende sagsbehandler",
        phone="72 34 56 10",
        email="anders.mikkelsen@jobcenter.example",
        office_hours="Mandag–torsdag kl. 9–12",
    ),
    "demo-rikke": dict(
        identifier="9901012002",
        first_name="Rikke",
        last_name="Thomsen",
        job_title="Sagsbehandler, sygedagpenge",
        phone="72 34 56 20",
        email="rikke.thomsen@jobcenter.example",
        office_hours="Mandag–fredag kl. 8.30–11.30",
    ),
}

CITIZENS = {
    "demo-hanne": dict(
        identifier="9901011001",
        first_name="Hanne",
        last_name="Sørensen",
        age=52,
        caseworker="demo-anders",
        course=Course.JOB_CLARIFICATION,
        phone="21 43 65 87",
    ),
    "demo-laerke": dict(
        identifier="9901011002",
        first_name="Lærke",
        last_name="Nielsen",
        age=28,
        caseworker="demo-anders",
        course=Course.RESOURCE_COURSE,
        phone="30 12 45 78",
    ),
    "demo-gitte": dict(
        identifier="9901011003",
        first_name="Gitte",
        last_name="Jensen",
        age=44,
        caseworker="demo-rikke",
        course=Course.RESOURCE_COURSE,
        phone="40 56 12 90",
    ),
    "demo-sofie": dict(
        identifier="9901011004",
        first_name="Sofie",
        last_name="Larsen",
        age=38,
        caseworker="demo-anders",
        course=Course.SICKNESS_FOLLOW_UP,
        phone="26 78 90 12",
    ),
    "demo-jens": dict(
        identifier="9901011005",
        first_name="Jens",
        last_name="Poulsen",
        age=61,
        caseworker="demo-rikke",
        course=Course.SICKNESS_FOLLOW_UP,
        phone="51 23 45 67",
    ),
}

RELATIVES = {
    "demo-mads": dict(
        first_name="Mads", last_name="Sørensen", phone="28 11 22 33", identifier="9901013001"
    ),
    "demo-birgit": dict(
        first_name="Birgit", last_name="Holm", phone="22 44 66 88", identifier="9901013002"
    ),
}


def _birth_date(today: date, age: int) -> date:
    return date(today.year - age, 3, 14)


def _upsert(session: Session, subject: str, kind: str, **fields) -> Person:
    person = session.scalar(select(Person).where(Person.subject == subject))
    if person is None:
        person = Person(subject=subject, kind=kind, **fields)
        session.add(person)
    else:
        person.kind = kind
        for name, value in fields.items():
            setattr(person, name, value)
    session.flush()
    return person


def load_people(session: Session, today: date) -> dict[str, tuple[int, int]]:
    """Create or update every demo person. Returns {citizen subject: (citizen id, caseworker id)}."""
    caseworkers = {
        subject: _upsert(session, subject, PersonKind.CASEWORKER, **fields)
        for subject, fields in CASEWORKERS.items()
    }
    for subject, fields in RELATIVES.items():
        _upsert(session, subject, PersonKind.RELATIVE, **fields)
    citizen_ids = {}
    for subject, spec in CITIZENS.items():
        fields = dict(spec)
        caseworker = caseworkers[fields.pop("caseworker")]
        age = fields.pop("age")
        person = _upsert(
            session,
            subject,
            PersonKind.CITIZEN,
            birth_date=_birth_date(today, age),
            caseworker_id=caseworker.id,
            **fields,
        )
        citizen_ids[subject] = (person.id, caseworker.id)
    return citizen_ids
