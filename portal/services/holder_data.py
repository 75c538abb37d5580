"""'Hent dine oplysninger' for a relative signed in as themself (GDPR art. 15 and 20): their own
record, the fuldmagter they hold or held, what they did in the portal (the audit rows of their own
actions), the messages sent to them, and their open log-ins. The same format as the citizen's copy
(`portal/services/my_data_document.py`, docs/my-data.md) with `"subject": "relative"`.

What it must never hold: a citizen's plan, meetings, bookings, outcomes or anything else of theirs.
A citizen appears only as what identifies the fuldmagt: their name, as the holder sees it on their
own start page. The audit rows are the holder's own requests (what they opened or did, where, when)
and carry no citizen data beyond that name.

Cost: one statement per kind, whatever the amount. The audit rows are every row the holder made,
read through the `(actor_id, at)` index: what they did for the citizens whose fuldmagt they hold
or held, about themself (log-ins, settings, their own downloads), and their refused tries at
other citizens' pages, which name no one (that citizen's name is not the holder's data).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from portal.models import (
    AuditEvent,
    ContactSettings,
    Fuldmagt,
    LoginSubject,
    Notification,
    Person,
)
from portal.services.my_data import LoginSession
from portal.services.my_data_document import (
    FORMAT,
    VERSION,
    contact,
    fuldmagt_row,
    notification,
    session_row,
)

# (role, citizen's name or None, action, detail, outcome, someone_else=) -> the row in words, from
# the holder's side ("Du har set planen for Hanne Sørensen."): given by the web layer, in the
# person's language. `someone_else`: the row is about a citizen who never gave them a fuldmagt.
Describe = Callable[..., str]


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
        audit=_own_actions(session, holder_id),
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


def _own_actions(session: Session, holder_id: int) -> list[AuditEvent]:
    """Every audit row the holder made, oldest first."""
    return list(
        session.scalars(
            select(AuditEvent)
            .where(AuditEvent.actor_id == holder_id)
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
        "fuldmagter_held": [
            fuldmagt_row(f, "citizen", data.names.get(f.citizen_id), data.names.get)
            for f in data.fuldmagter
        ],
        "access_log": [_action(e, data, givers, describe) for e in data.audit],
        "notifications": [notification(n) for n in data.notifications],
        "sessions": [session_row(s) for s in data.sessions],
    }


def _action(e: AuditEvent, data: HolderData, givers: set[int], describe: Describe) -> dict:
    # A citizen is named only when they gave this holder a fuldmagt; a try at anyone else's
    # page is kept (it is the holder's own action) without saying whose.
    citizen = data.names.get(e.citizen_id) if e.citizen_id in givers else None
    someone_else = e.citizen_id is not None and e.citizen_id not in givers | {data.person.id}
    return {
        "at": e.at,
        "actor_role": e.actor_role,
        "on_behalf_of": citizen,
        "action": e.action,
        "action_text": describe(
            e.actor_role, citizen, e.action, e.detail, e.outcome, someone_else=someone_else
        ),
        "outcome": e.outcome,
        "detail": e.detail,
        "path": e.target,
    }
