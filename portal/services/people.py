"""Looking up people and caseloads."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, literal, select, tuple_
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


CASELOAD_PAGE = 50


@dataclass(frozen=True)
class CaseloadPage:
    citizens: list[Person]  # in name order, at most CASELOAD_PAGE
    more: bool  # more citizens follow the last one shown


def caseload(
    session: Session,
    caseworker_id: int,
    name: str = "",
    after: int | None = None,
    limit: int = CASELOAD_PAGE,
) -> CaseloadPage:
    """The caseworker's citizens in name order, a page at a time: those after the citizen
    `after` (keyset: the page costs the same however far in), optionally only those whose name
    contains `name` (case ignored; searched in the database, never in a list read whole)."""
    query = select(Person).where(
        Person.caseworker_id == caseworker_id, Person.kind == PersonKind.CITIZEN
    )
    needle = " ".join(name.split()).lower()
    if needle:
        pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        full_name = func.lower(Person.first_name + " " + Person.last_name)
        query = query.where(full_name.like(pattern, escape="\\"))
    last = session.get(Person, after) if after else None
    if last is not None and last.caseworker_id == caseworker_id:
        query = query.where(
            tuple_(Person.first_name, Person.last_name, Person.id)
            > tuple_(literal(last.first_name), literal(last.last_name), literal(last.id))
        )
    rows = session.scalars(
        query.order_by(Person.first_name, Person.last_name, Person.id).limit(limit + 1)
    ).all()
    return CaseloadPage(citizens=list(rows[:limit]), more=len(rows) > limit)


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
