"""The demo people of DOMAIN.md: caseworkers, citizens and relatives, updated in place, with
fictitious CPR numbers (shown on the demo log-in page; the database keeps only their keyed hash)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal import clock
from portal.models import Course, LoginProvider, LoginSubject, Person, PersonKind
from portal.services import cpr

CASEWORKERS = {
    "demo-anders": dict(
        first_name="Anders",
        last_name="Mikkelsen",
        job_title="Koordinerende sagsbehandler",
        phone="72 34 56 10",
        email="anders.mikkelsen@jobcenter.example",
        office_hours="Mandag–torsdag kl. 9–12",
    ),
    "demo-rikke": dict(
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
        first_name="Hanne",
        last_name="Sørensen",
        age=52,
        caseworker="demo-anders",
        course=Course.JOB_CLARIFICATION,
        phone="21 43 65 87",
    ),
    "demo-laerke": dict(
        first_name="Lærke",
        last_name="Nielsen",
        age=28,
        caseworker="demo-anders",
        course=Course.RESOURCE_COURSE,
        phone="30 12 45 78",
    ),
    "demo-gitte": dict(
        first_name="Gitte",
        last_name="Jensen",
        age=44,
        caseworker="demo-rikke",
        course=Course.RESOURCE_COURSE,
        phone="40 56 12 90",
    ),
    "demo-sofie": dict(
        first_name="Sofie",
        last_name="Larsen",
        age=38,
        caseworker="demo-anders",
        course=Course.SICKNESS_FOLLOW_UP,
        phone="26 78 90 12",
    ),
    "demo-jens": dict(
        first_name="Jens",
        last_name="Poulsen",
        age=61,
        caseworker="demo-rikke",
        course=Course.SICKNESS_FOLLOW_UP,
        phone="51 23 45 67",
    ),
}

RELATIVES = {
    "demo-mads": dict(first_name="Mads", last_name="Sørensen", phone="28 11 22 33", age=27),
    "demo-birgit": dict(first_name="Birgit", last_name="Holm", phone="22 44 66 88", age=66),
}

# Each demo person's fictitious CPR number: shown on the demo log-in page, typed to name a
# fuldmagt's holder, and what a test provider's CPR claim is matched against. Only its keyed hash
# is stored (portal/services/cpr.py), so the demo log-in page reads the numbers from here. Day 99 of a month
# never begins a real CPR number, so no real person can be matched by mistake.
CPR = {
    "demo-hanne": "9901011001",
    "demo-laerke": "9901011002",
    "demo-gitte": "9901011003",
    "demo-sofie": "9901011004",
    "demo-jens": "9901011005",
    "demo-mads": "9901013001",
    "demo-birgit": "9901013002",
}


def _birth_date(today: date, age: int) -> date:
    return date(today.year - age, 3, 14)


def fictitious_cpr(subject: str) -> str:
    return CPR[subject]


def _login_subject(session: Session, person: Person, provider: LoginProvider) -> None:
    """Every demo person logs in through a test provider with the subject `demo-<name>`."""
    exists = session.scalar(
        select(LoginSubject.id).where(
            LoginSubject.provider == provider, LoginSubject.person_id == person.id
        )
    )
    if exists is None:
        session.add(
            LoginSubject(
                provider=provider, subject=person.subject, person=person, created_at=clock.now()
            )
        )


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
        subject: _upsert(
            session, subject, PersonKind.CASEWORKER, staff_key=fields["email"], **fields
        )
        for subject, fields in CASEWORKERS.items()
    }
    for caseworker in caseworkers.values():
        _login_subject(session, caseworker, LoginProvider.STAFF)
    for subject, spec in RELATIVES.items():
        fields = dict(spec)
        birth_date = _birth_date(today, fields.pop("age"))
        relative = _upsert(
            session,
            subject,
            PersonKind.RELATIVE,
            birth_date=birth_date,
            cpr_hash=cpr.digest(fictitious_cpr(subject)),
            **fields,
        )
        _login_subject(session, relative, LoginProvider.CITIZEN)
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
            cpr_hash=cpr.digest(fictitious_cpr(subject)),
            caseworker_id=caseworker.id,
            **fields,
        )
        _login_subject(session, person, LoginProvider.CITIZEN)
        citizen_ids[subject] = (person.id, caseworker.id)
    return citizen_ids
