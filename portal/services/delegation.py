"""Fuldmagt rules: give, change, revoke, give up, and who may act for whom today.

Plain functions over a session; the caller commits once. Every change writes an append-only
`FuldmagtEvent` in the same transaction, and changes to one citizen's fuldmagter (giving,
changing, revoking, giving up) happen one at a time (`_one_change_at_a_time`).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from portal.models import Fuldmagt, FuldmagtEvent, FuldmagtEventKind, Person, PersonKind
from portal.models.delegation import join_scopes
from portal.services import cpr
from portal.services.errors import DomainError, NotFound
from portal.services.notifications import outbox

SCOPES = ("se", "booke", "moede", "helbred")  # access.Scope values, in the order they are shown
MAX_MONTHS = 12


class Status:
    ACTIVE = "active"
    NOT_STARTED = "not_started"
    EXPIRED = "expired"
    REVOKED = "revoked"
    GIVEN_UP = "given_up"


def latest_end(today: date) -> date:
    """The furthest end date a fuldmagt may have: the same day twelve months ahead."""
    year = today.year + 1
    day = min(today.day, calendar.monthrange(year, today.month)[1])
    return date(year, today.month, day)


def status(fuldmagt: Fuldmagt, today: date) -> str:
    if fuldmagt.revoked_at is not None:
        return Status.REVOKED
    if fuldmagt.given_up_at is not None:
        return Status.GIVEN_UP
    if today < fuldmagt.starts_on:
        return Status.NOT_STARTED
    if today > fuldmagt.ends_on:
        return Status.EXPIRED
    return Status.ACTIVE


def _same_name(typed: str, person: Person) -> bool:
    def words(text: str) -> list[str]:
        return text.casefold().split()

    return bool(words(typed)) and words(typed) == words(person.full_name)


def find_holder(session: Session, citizen_id: int, name: str | None, identifier: str | None):
    """The person the citizen names by full name and CPR number: one unique-index look-up, never
    a list of people. A wrong name, a wrong identifier or someone who cannot hold a fuldmagt all
    get the same answer, so the form cannot be used to find out who exists."""
    hashed = cpr.digest(identifier)  # the same reading of a typed number as at log-in
    person = session.scalar(select(Person).where(Person.cpr_hash == hashed)) if hashed else None
    if (
        person is None
        or not _same_name(name or "", person)
        or person.kind != PersonKind.RELATIVE
        or person.id == citizen_id
    ):
        raise DomainError("unknown_holder", field="holder_name")
    return person


def _check_terms(scopes, ends_on: date | None, today: date) -> frozenset[str]:
    chosen = frozenset(scopes or ())
    if not chosen:
        raise DomainError("no_scope", field="scopes")
    if not chosen <= set(SCOPES):
        raise DomainError("unknown_scope", field="scopes")
    if "helbred" in chosen and "se" not in chosen:  # it widens "se"; alone it shows nothing
        raise DomainError("sensitive_without_see", field="scopes")
    if ends_on is None:
        raise DomainError("no_end", field="ends_on")
    if ends_on < today:
        raise DomainError("end_in_past", field="ends_on")
    if ends_on > latest_end(today):
        raise DomainError("end_too_far", field="ends_on")
    return chosen


def _event(session, fuldmagt: Fuldmagt, kind: str, by_id: int, now: datetime) -> None:
    session.add(
        FuldmagtEvent(
            fuldmagt=fuldmagt,
            at=now,
            kind=kind,
            by_id=by_id,
            scopes=fuldmagt.scopes,
            ends_on=fuldmagt.ends_on,
        )
    )
    outbox.fuldmagt_changed(session, fuldmagt, kind, by_id=by_id, now=now)


def _one_change_at_a_time(session: Session, citizen_id: int) -> None:
    """Hold the citizen's `person` row until the commit, so changes to one citizen's fuldmagter
    happen one after the other: two grants pressed at once for the same holder must not both
    find "no active fuldmagt" (whether one is active depends on the day, so no unique index can
    say it). The second waits, then reads what the first wrote.

    PostgreSQL: SELECT ... FOR UPDATE. SQLite ignores FOR UPDATE and has one writer at a time, so
    an UPDATE that changes nothing takes the database's write lock instead; taken before the
    transaction has read anything it waits for the other writer. Had it read first, SQLite
    answers "database is locked" at once: the unit of work refuses that calmly as a conflict."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(
            update(Person)
            .where(Person.id == citizen_id)
            .values(id=Person.id)
            .execution_options(synchronize_session=False)
        )
    else:
        session.execute(select(Person.id).where(Person.id == citizen_id).with_for_update())


def _locked(session: Session, fuldmagt: Fuldmagt) -> Fuldmagt:
    """The fuldmagt as it is once its citizen's changes wait for this one: a change, revocation or
    giving-up sent twice at once (a double click) or crossing another then sees what the other
    did, so it is done once, with one history entry, and never after the fuldmagt ended."""
    _one_change_at_a_time(session, fuldmagt.citizen_id)
    session.refresh(fuldmagt)
    return fuldmagt


def check_grant(
    session: Session, *, citizen_id: int, holder: Person, scopes, ends_on: date | None, today: date
) -> frozenset[str]:
    """Everything giving this fuldmagt would refuse, without giving it (the check page)."""
    chosen = _check_terms(scopes, ends_on, today)
    held = session.scalars(
        select(Fuldmagt)
        .where(Fuldmagt.citizen_id == citizen_id, Fuldmagt.holder_id == holder.id)
        # as the database has them now, not as this request read them before a lock
        .execution_options(populate_existing=True)
    )
    if any(status(f, today) == Status.ACTIVE for f in held):
        raise DomainError("already_holds", field="holder_name")
    return chosen


def grant(
    session: Session,
    *,
    citizen_id: int,
    holder_id: int | None,
    scopes,
    ends_on: date | None,
    today: date,
    now: datetime,
    identity_confirmed: bool = True,
) -> Fuldmagt:
    """`identity_confirmed`: False when the citizen must first confirm who they are with a fresh
    log-in (step-up, decided by the web layer); giving a fuldmagt is then refused."""
    holder = session.get(Person, holder_id) if holder_id else None
    if holder is None or holder.kind != PersonKind.RELATIVE or holder.id == citizen_id:
        raise DomainError("unknown_holder", field="holder")
    _one_change_at_a_time(session, citizen_id)
    chosen = check_grant(
        session, citizen_id=citizen_id, holder=holder, scopes=scopes, ends_on=ends_on, today=today
    )
    if not identity_confirmed:
        raise DomainError("step_up_needed")
    fuldmagt = Fuldmagt(
        citizen_id=citizen_id,
        holder_id=holder.id,
        scopes=join_scopes(chosen),
        starts_on=today,
        ends_on=ends_on,
        created_at=now,
    )
    session.add(fuldmagt)
    _event(session, fuldmagt, FuldmagtEventKind.GRANTED, citizen_id, now)
    session.flush()
    return fuldmagt


def of_citizen(session: Session, citizen_id: int) -> list[Fuldmagt]:
    return list(
        session.scalars(
            select(Fuldmagt)
            .where(Fuldmagt.citizen_id == citizen_id)
            .options(selectinload(Fuldmagt.holder))
            .order_by(Fuldmagt.created_at.desc(), Fuldmagt.id.desc())
        )
    )


def one_of_citizen(session: Session, citizen_id: int, fuldmagt_id: int) -> Fuldmagt:
    """The fuldmagt, only if this citizen gave it."""
    fuldmagt = session.get(Fuldmagt, fuldmagt_id)
    if fuldmagt is None or fuldmagt.citizen_id != citizen_id:
        raise NotFound("fuldmagt")
    return fuldmagt


def change(
    session: Session,
    *,
    citizen_id: int,
    fuldmagt_id: int,
    scopes,
    ends_on: date | None,
    today: date,
    now: datetime,
    identity_confirmed: bool = True,
) -> Fuldmagt:
    """Narrowing needs nothing more; widening (a new scope or a later last day) needs
    `identity_confirmed` like giving one."""
    fuldmagt = _locked(session, one_of_citizen(session, citizen_id, fuldmagt_id))
    if status(fuldmagt, today) != Status.ACTIVE:
        raise DomainError("fuldmagt_not_active")
    chosen = _check_terms(scopes, ends_on, today)
    if not identity_confirmed and widens(fuldmagt, chosen, ends_on):
        raise DomainError("step_up_needed")
    stored = join_scopes(chosen)
    if stored == fuldmagt.scopes and ends_on == fuldmagt.ends_on:
        return fuldmagt  # nothing changed (e.g. the form sent twice): no new history entry
    fuldmagt.scopes = stored
    fuldmagt.ends_on = ends_on
    _event(session, fuldmagt, FuldmagtEventKind.CHANGED, citizen_id, now)
    return fuldmagt


def widens(fuldmagt: Fuldmagt, scopes, ends_on: date | None) -> bool:
    """Whether new terms give the holder more than the fuldmagt does: a scope or days it lacks."""
    more_scopes = not set(scopes) <= set(fuldmagt.scope_set)
    return more_scopes or (ends_on is not None and ends_on > fuldmagt.ends_on)


def check_change(fuldmagt: Fuldmagt, *, scopes, ends_on: date | None, today: date):
    """Everything changing the terms would refuse, without changing them (the check page)."""
    if status(fuldmagt, today) != Status.ACTIVE:
        raise DomainError("fuldmagt_not_active")
    return _check_terms(scopes, ends_on, today)


def revoke(session: Session, *, citizen_id: int, fuldmagt_id: int, now: datetime) -> Fuldmagt:
    """Ends the fuldmagt at once. Revoking twice (a double click) changes nothing the second time."""
    fuldmagt = _locked(session, one_of_citizen(session, citizen_id, fuldmagt_id))
    if not fuldmagt.ended:
        fuldmagt.revoked_at = now
        _event(session, fuldmagt, FuldmagtEventKind.REVOKED, citizen_id, now)
    return fuldmagt


def held_by(session: Session, holder_id: int) -> list[Fuldmagt]:
    return list(
        session.scalars(
            select(Fuldmagt)
            .where(Fuldmagt.holder_id == holder_id)
            .options(selectinload(Fuldmagt.citizen))
            .order_by(Fuldmagt.created_at.desc(), Fuldmagt.id.desc())
        )
    )


def one_held_by(session: Session, holder_id: int, fuldmagt_id: int) -> Fuldmagt:
    fuldmagt = session.get(Fuldmagt, fuldmagt_id)
    if fuldmagt is None or fuldmagt.holder_id != holder_id:
        raise NotFound("fuldmagt")
    return fuldmagt


def give_up(session: Session, *, holder_id: int, fuldmagt_id: int, now: datetime) -> Fuldmagt:
    fuldmagt = _locked(session, one_held_by(session, holder_id, fuldmagt_id))
    if not fuldmagt.ended:
        fuldmagt.given_up_at = now
        _event(session, fuldmagt, FuldmagtEventKind.GIVEN_UP, holder_id, now)
    return fuldmagt


@dataclass(frozen=True)
class Mandate:
    """What a holder may do for a citizen today."""

    citizen_id: int
    scopes: frozenset[str]


def mandate(session: Session, holder_id: int, citizen_id: int, today: date) -> Mandate | None:
    """The holder's valid mandate for the citizen today (the union of valid fuldmagter), if any."""
    scopes: set[str] = set()
    for fuldmagt in session.scalars(
        select(Fuldmagt).where(Fuldmagt.holder_id == holder_id, Fuldmagt.citizen_id == citizen_id)
    ):
        if fuldmagt.valid_on(today):
            scopes |= fuldmagt.scope_set
    return Mandate(citizen_id, frozenset(scopes)) if scopes else None


def required_mandate(
    session: Session, holder_id: int, citizen_id: int | None, today: date
) -> Mandate:
    """The holder's mandate to act for the citizen today; NotFound when there is none (or no
    citizen was named), so nobody learns whether a person exists."""
    found = mandate(session, holder_id, citizen_id, today) if citizen_id is not None else None
    if found is None:
        raise NotFound("fuldmagt")
    return found


def valid_one(
    session: Session, fuldmagt_id: int | None, citizen_id: int, today: date
) -> Fuldmagt | None:
    """A fuldmagt given by this citizen and valid today (for previewing its holder's view)."""
    fuldmagt = session.get(Fuldmagt, fuldmagt_id) if fuldmagt_id is not None else None
    if fuldmagt is None or fuldmagt.citizen_id != citizen_id or not fuldmagt.valid_on(today):
        return None
    return fuldmagt


def previewed(session: Session, fuldmagt_id: int | None, citizen_id: int, today: date) -> Fuldmagt:
    """The fuldmagt whose holder's view a caseworker previews; NotFound unless this citizen gave
    it and it is valid today."""
    fuldmagt = valid_one(session, fuldmagt_id, citizen_id, today)
    if fuldmagt is None:
        raise NotFound("fuldmagt")
    return fuldmagt


def history(session: Session, citizen_id: int) -> list[FuldmagtEvent]:
    """Every grant, change, revocation and giving-up of this citizen's fuldmagter, newest first."""
    return list(
        session.scalars(
            select(FuldmagtEvent)
            .join(Fuldmagt, FuldmagtEvent.fuldmagt_id == Fuldmagt.id)
            .where(Fuldmagt.citizen_id == citizen_id)
            .options(selectinload(FuldmagtEvent.by), selectinload(FuldmagtEvent.fuldmagt))
            .order_by(FuldmagtEvent.at.desc(), FuldmagtEvent.id.desc())
        )
    )
