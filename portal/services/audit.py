"""Writing to the audit trail. There is deliberately no function to change or remove an entry."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from portal import clock
from portal.models import AuditEvent


def record(
    session: Session,
    *,
    actor_id: int | None,
    actor_role: str,
    citizen_id: int | None,
    action: str,
    target: str | None = None,
    outcome: str = "allowed",
    detail: str | None = None,
    at: datetime | None = None,
) -> AuditEvent:
    """Add an audit entry to the session; it is committed with the change it describes.
    `at` defaults to now (jobs outside a request pass the instant they work at)."""
    entry = AuditEvent(
        at=at or clock.now(),
        actor_id=actor_id,
        actor_role=actor_role,
        citizen_id=citizen_id,
        action=action,
        target=target[:200] if target else None,
        outcome=outcome,
        detail=detail[:300] if detail else None,
    )
    session.add(entry)
    return entry
