"""Who is logging in through an OpenID provider: found by the subject stored for that provider,
or, at the first log-in, by a configured claim (the CPR number for citizens, e.g. the e-mail
address or employee id for staff), after which the subject is stored.

A citizen is never let in through the staff provider, nor a caseworker through the citizens'.
The claims come from an ID token the web layer has already verified.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal import clock
from portal.models import LoginProvider, LoginSubject, Person, PersonKind
from portal.services import people

# normalise_cpr is the one reading of a CPR number, shared with naming a fuldmagt's holder.
from portal.services.cpr import digest, normalise_cpr  # noqa: F401
from portal.services.errors import DomainError

# Who may log in through which provider.
KINDS = {
    LoginProvider.CITIZEN: (PersonKind.CITIZEN, PersonKind.RELATIVE),
    LoginProvider.STAFF: (PersonKind.CASEWORKER,),
}

UNKNOWN = "login_unknown_person"

# The NSIS assurance levels MitID brokers name in `acr` (e.g.
# "https://data.gov.dk/concept/core/nsis/loa/Substantial"), lowest first.
_NSIS_LEVELS = ("low", "substantial", "high")


def _nsis_rank(acr: str) -> int | None:
    last = acr.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1].strip().lower()
    return _NSIS_LEVELS.index(last) + 1 if last in _NSIS_LEVELS else None


def assurance_enough(acr: object, required: str) -> bool:
    """Whether the ID token's `acr` meets the required level: an NSIS level at least as high
    (Low < Substantial < High), otherwise exactly the required value. Missing is never enough."""
    if not isinstance(acr, str) or not acr:
        return False
    if acr == required:
        return True
    got, wanted = _nsis_rank(acr), _nsis_rank(required)
    return got is not None and wanted is not None and got >= wanted


def _by_stored_subject(session: Session, provider: LoginProvider, subject: str) -> Person | None:
    return session.scalar(
        select(Person)
        .join(LoginSubject, LoginSubject.person_id == Person.id)
        .where(LoginSubject.provider == provider, LoginSubject.subject == subject)
    )


def _by_claim(session: Session, provider: LoginProvider, value: object) -> Person | None:
    if provider is LoginProvider.CITIZEN:
        hashed = digest(value)  # only the keyed hash is stored
        if hashed is None:
            return None
        condition = Person.cpr_hash == hashed
    else:
        if not isinstance(value, str) or not value.strip():
            return None
        condition = func.lower(Person.staff_key) == value.strip().lower()
    return session.scalar(select(Person).where(condition, Person.kind.in_(KINDS[provider])))


def _has_subject(session: Session, provider: LoginProvider, person_id: int) -> bool:
    return (
        session.scalar(
            select(LoginSubject.id).where(
                LoginSubject.provider == provider, LoginSubject.person_id == person_id
            )
        )
        is not None
    )


def identify(
    session: Session, provider: LoginProvider, subject: str, match_value: object
) -> Person:
    """The person behind a verified log-in, or DomainError(UNKNOWN).

    `match_value` is the configured claim's value (CPR number or staff key); it is used only when
    the subject is not yet stored for this provider, and only for a person who has no subject
    there yet (a different subject presenting a known CPR number is refused, not re-linked).
    """
    person = _by_stored_subject(session, provider, subject)
    if person is None:
        person = _by_claim(session, provider, match_value)
        if person is None or _has_subject(session, provider, person.id):
            raise DomainError(UNKNOWN)
        session.add(
            LoginSubject(
                provider=provider, subject=subject, person_id=person.id, created_at=clock.now()
            )
        )
    if person.kind not in KINDS[provider]:
        raise DomainError(UNKNOWN)
    people.record_sign_in(session, person, how=f"oidc:{provider.value}")
    return person


def is_same_person(session: Session, provider: LoginProvider, subject: str, person_id: int) -> bool:
    """A confirming log-in (step-up) must be the logged-in person's own, by the stored subject."""
    person = _by_stored_subject(session, provider, subject)
    return person is not None and person.id == person_id


def fresh_enough(auth_time: object, since: float, leeway: float) -> bool:
    """Whether the provider's `auth_time` shows a log-in made after the confirmation was asked
    for (a little clock skew tolerated). A missing `auth_time` proves nothing."""
    return isinstance(auth_time, int | float) and auth_time >= since - leeway
