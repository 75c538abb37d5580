"""People: a caseworker, a citizen in that caseworker's caseload, a relative."""

from __future__ import annotations

import itertools

from portal.models import Course, Person, PersonKind
from portal.services import cpr as cpr_numbers

_numbers = itertools.count(1)


def _person(session, kind: str, first_name: str, **fields) -> Person:
    n = next(_numbers)
    if "cpr" in fields:  # a test names the CPR number; only its keyed hash is stored
        fields["cpr_hash"] = cpr_numbers.digest(fields.pop("cpr"))
    person = Person(
        subject=f"factory-{kind}-{n}",
        kind=kind,
        first_name=first_name,
        last_name=fields.pop("last_name", f"Testesen{n}"),
        **fields,
    )
    session.add(person)
    session.flush()
    return person


def caseworker(session, first_name: str = "Anne", **fields) -> Person:
    fields.setdefault("phone", "70 10 20 30")
    fields.setdefault("job_title", "Sagsbehandler")
    fields.setdefault("office_hours", "Mandag-fredag kl. 9-12")
    return _person(session, PersonKind.CASEWORKER, first_name, **fields)


def citizen(session, first_name: str = "Bo", caseworker: Person | None = None, **fields) -> Person:
    if caseworker is None:
        caseworker = globals()["caseworker"](session)
    fields.setdefault("course", Course.JOB_CLARIFICATION)
    return _person(session, PersonKind.CITIZEN, first_name, caseworker_id=caseworker.id, **fields)


def relative(session, first_name: str = "Kim", **fields) -> Person:
    return _person(session, PersonKind.RELATIVE, first_name, **fields)
