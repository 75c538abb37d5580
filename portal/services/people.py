"""Looking up people and caseloads."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.models import Person, PersonKind
from portal.services import audit


def by_subject(session: Session, subject: str) -> Person | None:
    return session.scalar(select(Person).where(Person.subject == subject))


def set_language(session: Session, person_id: int, code: str) -> None:
    """Store the language the person chose ("da" or "en"), for uses without a request."""
    person = session.get(Person, person_id)
    if person is not None:
        person.language = code


def caseload_ids(session: Session, caseworker_id: int) -> frozenset[int]:
    return frozenset(
        session.scalars(
            select(Person.id).where(
                Person.caseworker_id == caseworker_id, Person.kind == PersonKind.CITIZEN
            )
        )
    )


def caseload(session: Session, caseworker_id: int, name: str = "") -> list[Person]:
    """The caseworker's citizens, optionally only those whose name contains `name`."""
    citizens = session.scalars(
        select(Person)
        .where(Person.caseworker_id == caseworker_id, Person.kind == PersonKind.CITIZEN)
        .order_by(Person.first_name, Person.last_name)
    )
    needle = name.strip().casefold()
    return [c for c in citizens if needle in c.full_name.casefold()]


def demo_people(session: Session) -> list[Person]:
    """Everyone who can be chosen on the demo login, citizens first, then others."""
    order = {PersonKind.CITIZEN: 0, PersonKind.RELATIVE: 1, PersonKind.CASEWORKER: 2}
    people = session.scalars(select(Person).where(Person.subject.like("demo-%"))).all()
    return sorted(people, key=lambda p: (order.get(p.kind, 9), p.id))


def record_sign_in(session: Session, person: Person, how: str) -> None:
    """Keep a log-in in the audit trail (`how`: e.g. "demo"); written with the request."""
    _record_own(session, person, "auth.login", how)


def _record_own(session: Session, person: Person, action: str, detail: str) -> None:
    """A row about the person's own session: on their own access log only if they are a citizen
    (the log shows only what others did, so in practice it stays out of sight)."""
    audit.record(
        session,
        actor_id=person.id,
        actor_role=person.kind,
        citizen_id=person.id if person.is_citizen else None,
        action=action,
        detail=detail,
    )
