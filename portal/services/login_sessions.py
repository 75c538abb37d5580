"""Log-in sessions in the audit trail: time-outs, log-outs and "ended my other sessions".

Where sessions live is the request cycle's business (portal/web/sessions.py); what is kept about
them in the audit trail is decided here, with the audit service, like every other entry.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.models import Person, PersonKind
from portal.services import audit

TIMEOUT = "auth.timeout"  # detail: "idle" (30 minutes unused) or "max" (8 hours since log-in)
LOGOUT = "auth.logout"
ENDED_OTHERS = "auth.sessions.end_others"  # detail: how many other sessions were ended


def record_timeouts(session: Session, ended: list[tuple[int, str]]) -> None:
    """One "auth.timeout" row per ended session of a logged-in person: (person id, why)."""
    ids = {person_id for person_id, _ in ended}
    kinds = dict(session.execute(select(Person.id, Person.kind).where(Person.id.in_(ids))).all())
    for person_id, because in ended:
        kind = kinds.get(person_id)
        if kind is None:
            continue  # the person is gone; nothing to tie the row to
        audit.record(
            session,
            actor_id=person_id,
            actor_role=kind,
            citizen_id=person_id if kind == PersonKind.CITIZEN else None,
            action=TIMEOUT,
            detail=because,
        )
