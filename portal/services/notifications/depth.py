"""How deep the outbox is, for the metrics scrape (portal/web/metrics.py).

Three counts and the oldest due message's due time in one statement, each over the worker's own
index `ix_notification_due` (status, due_at), each count stopped at `CAP` rows: a scrape costs the
same on a database with a year of failed messages as on an empty one. A count at the cap means
"at least this many".

How long the oldest due message has waited is how one knows the workers stopped or fall behind:
a worker takes every due row each round (every 30 s, or every minute from cron), and quiet hours
and retries move a row's due time on, so a due row older than a few minutes is not a normal wait.
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
    oldest_due_seconds: float = 0.0  # how long the oldest due message has waited; 0 when none


def _count(*conditions):
    rows = select(literal(1)).select_from(Notification).where(*conditions).limit(CAP).subquery()
    return select(func.count()).select_from(rows).scalar_subquery()


def _oldest(*conditions):
    # ORDER BY … LIMIT 1 rather than min(): the same index seek on both databases.
    oldest = select(Notification.due_at).where(*conditions).order_by(Notification.due_at)
    return oldest.limit(1).scalar_subquery()


def outbox_depth(session: Session, now: datetime) -> OutboxDepth:
    pending = Notification.status == DeliveryStatus.PENDING
    due = (pending, Notification.due_at <= now)
    *counts, oldest_due = session.execute(
        select(
            _count(pending),
            _count(*due),
            _count(Notification.status == DeliveryStatus.FAILED),
            _oldest(*due),
        )
    ).one()
    waited = (now - oldest_due).total_seconds() if oldest_due is not None else 0.0
    return OutboxDepth(*counts, oldest_due_seconds=max(waited, 0.0))
