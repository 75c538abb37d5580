"""'Hent dine oplysninger' for a relative signed in as themself (GDPR art. 15 and 20): their own
record, the fuldmagter they hold or held, what they did in the portal (the audit rows of their own
actions), the messages sent to them, and their open log-ins. The same format as the citizen's copy
(`portal/services/my_data_document.py`, docs/my-data.md) with `"subject": "relative"`.

What it must never hold: a citizen's plan, meetings, bookings, outcomes or anything else of theirs.
A citizen appears only as what identifies the fuldmagt: their name, as the holder sees it on their
own start page. The audit rows are the holder's own requests (what they opened or did, where, when)
and carry no citizen data beyond that name.

Cost: one statement per kind, whatever the amount. The audit rows are read through the
`(citizen_id, at)` index: the holder's rows about the citizens whose fuldmagt they hold or held, and
about themself (their own download). The trail has no index on who acted, so the holder's rows
about no citizen (log-ins, settings) and their refused tries at other citizens' pages are not read
here: that would read the whole trail (README, Known gaps).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, select
from sqlalchemy.orm import Session, selectinload

from portal.models import (
    AuditEvent,
    ContactSettings,
    Fuldmagt,
    LoginSubject,
    Notification,
    Person,
)
from portal.models.delegation import split_scopes
from portal.services.my_data import LoginSession
from portal.services.my_data_document import FORMAT, VERSION, contact, notification, session_row

# (role, citizen's name or None, action, detail, outcome) -> the row in words, from the holder's
# side ("Du har set planen for Hanne Sørensen."): given by the web layer, in the person's language.
Describe = Callable[[str, str | None, str, str | None, str], str]


@dataclass
class HolderData:
    person: Person
    contact: ContactSettings | None
    logins: list[LoginSubject]
    fuldmagter: list[Fuldmagt]
    audit: list[AuditEvent]
    notifications: list[Notification]
    sessions: list[LoginSession] = field(default_factory=list)
    names: dict[int, str] = field(default_factory=dict)


def collect(
    session: Session, holder_id: int, sessions: list[LoginSession] | None = None
) -> HolderData:
    person = session.get(Person, holder_id)
    fuldmagter = list(
        session.scalars(
            select(Fuldmagt)
            .options(selectinload(Fuldmagt.events))
            .where(Fuldmagt.holder_id == holder_id)
            .order_by(Fuldmagt.created_at, Fuldmagt.id)
        )
    )
    givers = {f.citizen_id for f in fuldmagter}
    return HolderData(
        person=person,
        contact=session.get(ContactSettings, holder_id),
        logins=list(
            session.scalars(
                select(LoginSubject)
                .where(LoginSubject.person_id == holder_id)
                .order_by(LoginSubject.id)
            )
        ),
        fuldmagter=fuldmagter,
        audit=_own_actions(session, holder_id, givers),
        notifications=list(
            session.scalars(
                select(Notification)
                .where(Notification.recipient_id == holder_id)
                .order_by(Notification.created_at, Notification.id)
            )
        ),
        sessions=list(sessions or []),
        names=_names(session, givers | {e.by_id for f in fuldmagter for e in f.events}),
    )


def _own_actions(session: Session, holder_id: int, givers: set[int]) -> list[AuditEvent]:
    """The holder's own audit rows, oldest first, through the citizen index: about the citizens
    who gave them a fuldmagt, and about themself. Only rows they made (`actor_id`)."""
    about = AuditEvent.citizen_id.in_(givers | {holder_id})
    return list(
        session.scalars(
            select(AuditEvent)
            .where(and_(about, AuditEvent.actor_id == holder_id))
            .order_by(AuditEvent.at, AuditEvent.id)
        )
    )


def _names(session: Session, ids: set[int | None]) -> dict[int, str]:
    """Full names only: a citizen's other details are not the holder's data."""
    ids.discard(None)
    if not ids:
        return {}
    rows = session.execute(
        select(Person.id, Person.first_name, Person.last_name).where(Person.id.in_(ids))
    )
    return {pid: f"{first} {last}" for pid, first, last in rows}


def build(data: HolderData, made_at: datetime, language: str, describe: Describe) -> dict:
    p = data.person
    givers = {f.citizen_id for f in data.fuldmagter}
    return {
        "format": FORMAT,
        "version": VERSION,
        "subject": "relative",
        "made_at": made_at,
        "language": language,
        "person": {
            "first_name": p.first_name,
            "last_name": p.last_name,
            "birth_date": p.birth_date,
            "phone": p.phone,
            "email": p.email,
            "language": p.language,
        },
        "contact_settings": contact(data.contact),
        "login_providers": [
            {"provider": s.provider, "first_login_at": s.created_at} for s in data.logins
        ],
        "fuldmagter_held": [_fuldmagt(f, data.names) for f in data.fuldmagter],
        "access_log": [_action(e, data, givers, describe) for e in data.audit],
        "notifications": [notification(n) for n in data.notifications],
        "sessions": [session_row(s) for s in data.sessions],
    }


def _fuldmagt(f: Fuldmagt, names: dict[int, str]) -> dict:
    return {
        "id": f.id,
        "citizen": names.get(f.citizen_id),
        "scopes": sorted(split_scopes(f.scopes)),
        "starts_on": f.starts_on,
        "ends_on": f.ends_on,
        "created_at": f.created_at,
        "revoked_at": f.revoked_at,
        "given_up_at": f.given_up_at,
        "events": [
            {
                "at": e.at,
                "kind": e.kind,
                "by": names.get(e.by_id),
                "scopes": sorted(split_scopes(e.scopes)),
                "ends_on": e.ends_on,
            }
            for e in f.events
        ],
    }


def _action(e: AuditEvent, data: HolderData, givers: set[int], describe: Describe) -> dict:
    # The citizen is named only when they gave this holder a fuldmagt (the rows are read for
    # those citizens and the holder only; the check keeps it so if the reading ever widens).
    citizen = data.names.get(e.citizen_id) if e.citizen_id in givers else None
    return {
        "at": e.at,
        "actor_role": e.actor_role,
        "on_behalf_of": citizen,
        "action": e.action,
        "action_text": describe(e.actor_role, citizen, e.action, e.detail, e.outcome),
        "outcome": e.outcome,
        "detail": e.detail,
        "path": e.target,
    }
