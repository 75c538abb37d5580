"""How deep the outbox is, for the metrics scrape (portal/web/metrics.py).

Three counts in one statement, each over the worker's own index `ix_notification_due`
(status, due_at) and each stopped at `CAP` rows: a scrape costs the same on a database with a
year of failed messages as on an empty one. A count at the cap means "at least this many".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, literal, select
from sqlalchemy.orm import Session

from portal.models import DeliveryStatus, Notification

CAP = 100_000


@dataclass(frozen=True)
class OutboxDepth:
    pending: int  # waiting to be sent, due or not
    due: int  # waiting and due by now: what the workers should be sending
    failed: int  # the last try failed


def _count(*conditions):
    rows = select(literal(1)).select_from(Notification).where(*conditions).limit(CAP).subquery()
    return select(func.count()).select_from(rows).scalar_subquery()


def outbox_depth(session: Session, now: datetime) -> OutboxDepth:
    pending = Notification.status == DeliveryStatus.PENDING
    row = session.execute(
        select(
            _count(pending),
            _count(pending, Notification.due_at <= now),
            _count(Notification.status == DeliveryStatus.FAILED),
        )
    ).one()
    return OutboxDepth(*row)
