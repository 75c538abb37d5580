"""The citizen's access log: who else opened their data or did something for them.

Read from the audit trail through the index on (citizen_id, at): a count and one page of 20.
Entries older than the shown period stay in the trail until retention deletes whole sealed
batches (never inside that period, portal/services/audit_seal.py); the page just stops showing
them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from portal.models import AuditEvent, Person

SHOWN_FOR = timedelta(days=2 * 365 + 1)
PER_PAGE = 20
# Roles whose use of a citizen's data the citizen is shown (the citizen's own use is not news).
OTHERS = ("delegate", "preview", "caseworker")
# ... except the citizen's own downloads of everything about them ("Hent dine oplysninger"): a
# copy of it all now exists outside the portal, which the citizen should be able to see.
OWN_SHOWN = ("my_data.download",)


@dataclass(frozen=True)
class LogPage:
    entries: list[tuple[AuditEvent, Person | None]]
    page: int
    pages: int
    total: int


def page_of(session: Session, citizen_id: int, now: datetime, page: int = 1) -> LogPage:
    where = (
        AuditEvent.citizen_id == citizen_id,
        AuditEvent.outcome == "allowed",
        or_(
            and_(AuditEvent.actor_role.in_(OTHERS), AuditEvent.actor_id != citizen_id),
            and_(AuditEvent.actor_id == citizen_id, AuditEvent.action.in_(OWN_SHOWN)),
        ),
        AuditEvent.at >= now - SHOWN_FOR,
    )
    total = session.scalar(select(func.count()).select_from(AuditEvent).where(*where)) or 0
    pages = max(1, -(-total // PER_PAGE))
    page = min(max(1, page), pages)
    events = session.scalars(
        select(AuditEvent)
        .where(*where)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .offset((page - 1) * PER_PAGE)
        .limit(PER_PAGE)
    ).all()
    actor_ids = {e.actor_id for e in events if e.actor_id is not None}
    people = (
        {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(actor_ids)))}
        if actor_ids
        else {}
    )
    return LogPage([(e, people.get(e.actor_id)) for e in events], page, pages, total)
