"""Who is signed in. The only place that reads or writes the login in the session.

The demo login and a future OIDC login (MitID through a broker) both end in `sign_in(person)`;
features only ever ask `current_actor()`.
"""

from __future__ import annotations

from flask import g, session

from portal.access import ANONYMOUS, Actor, Role
from portal.extensions import db
from portal.models import Person, PersonKind
from portal.services import people

SESSION_KEY = "person_id"
KEEP_ON_SIGN_OUT = ("lang",)

_ROLE_OF_KIND = {
    PersonKind.CITIZEN: Role.CITIZEN,
    PersonKind.CASEWORKER: Role.CASEWORKER,
    PersonKind.RELATIVE: Role.RELATIVE,
}


def sign_in(person: Person) -> None:
    kept = {k: session[k] for k in KEEP_ON_SIGN_OUT if k in session}
    session.clear()  # a fresh session on login: no fixation
    session.update(kept)
    session[SESSION_KEY] = person.id
    session.permanent = True


def sign_out() -> None:
    kept = {k: session[k] for k in KEEP_ON_SIGN_OUT if k in session}
    session.clear()
    session.update(kept)


def current_person() -> Person | None:
    if "current_person" not in g:
        person_id = session.get(SESSION_KEY)
        g.current_person = db.session.get(Person, person_id) if isinstance(person_id, int) else None
    return g.current_person


def current_actor() -> Actor:
    """The actor of this request, read fresh from the database every time."""
    if "actor" in g:
        return g.actor
    person = current_person()
    if person is None:
        actor = ANONYMOUS
    else:
        role = _ROLE_OF_KIND[PersonKind(person.kind)]
        caseload = (
            people.caseload_ids(db.session, person.id) if role is Role.CASEWORKER else frozenset()
        )
        actor = Actor(person_id=person.id, role=role, caseload=caseload)
    g.actor = actor
    return actor


def subject_citizen() -> Person | None:
    """The citizen whose pages are shown in this request, once the guard has allowed it."""
    citizen_id = g.get("citizen_id")
    return db.session.get(Person, citizen_id) if citizen_id else None
