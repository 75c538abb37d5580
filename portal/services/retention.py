"""Deleting personal data that is past its period (portal/retention.py): one function per kind,
and a runner that gives each kind its own transaction. Run nightly by `flask --app portal
retention [--dry-run]` (portal/cli.py).

Each kind counts with the same conditions it deletes by, so a dry run shows what a real run would
do. A kind that deleted something says so in the audit trail (counts and a date, never whose);
a kind with nothing to delete writes nothing, so a second run the same day changes nothing.

What each kind keeps:
- the audit trail (with the access log) goes only as whole sealed batches, through the one path
  the database lets through (portal/services/audit_seal.py), so `audit-verify` still walks the
  chain; its day is the UTC one, like the batches, so the cut never lands inside the two years
  the access log shows, whatever the hour;
- a notification goes once it is done with: a pending one is still to be sent, and a "sending"
  one belongs to a worker (which turns a stale claim into "unconfirmed" itself). Deleting a done
  row frees its event key, but every key names a record or an instant that does not come back,
  and reminders are only enqueued for a time still ahead;
- a meeting's preparation (the draft and what was sent) goes with the meeting's date; the meeting
  itself, its consent and participation records, stay.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from portal import clock
from portal.models import DeliveryStatus, Meeting, Notification, Preparation, PreparationSending
from portal.models.meeting import deleting_records
from portal.retention import RetentionPeriods
from portal.services import audit, audit_seal

log = logging.getLogger("portal.retention")

# Notifications the outbox has finished with; pending and sending ones are never deleted.
DONE = (
    DeliveryStatus.SENT,
    DeliveryStatus.UNCONFIRMED,
    DeliveryStatus.FAILED,
    DeliveryStatus.DROPPED,
)


@dataclass(frozen=True)
class Result:
    """What one kind deleted (or would delete): counts by what they count, and the day before
    which it goes. No ids, no names."""

    kind: str
    cutoff: date
    counts: dict[str, int]
    dry_run: bool = False
    failed: str | None = None  # the error's class when the kind was rolled back


def _start_of(day: date) -> datetime:
    """Midnight at the start of a Danish day, as a UTC instant."""
    return clock.at_local(day, 0)


def _count(session: Session, model, *where) -> int:
    return session.scalar(select(func.count()).select_from(model).where(*where))


def _delete(session: Session, model, *where) -> int:
    statement = delete(model).where(*where).execution_options(synchronize_session=False)
    return session.execute(statement).rowcount


def _record(session: Session, action: str, detail: str, now: datetime) -> None:
    audit.record(
        session,
        actor_id=None,
        actor_role="system",
        citizen_id=None,
        action=action,
        detail=detail,
        at=now,
    )


def audit_trail(session: Session, before: date, now: datetime, *, dry_run: bool) -> dict:
    """The audit rows of whole sealed batches that ended by the start of `before` (UTC)."""
    if dry_run:
        return {"audit row(s)": audit_seal.sealed_rows_before(session, before, now)[1]}
    run = audit_seal.delete_sealed_batches_before(session, before, now)
    return {"audit row(s)": run.rows_deleted if run is not None else 0}


def notifications(session: Session, before: date, now: datetime, *, dry_run: bool) -> dict:
    """Notifications the outbox is done with, created before the Danish day `before`."""
    where = (Notification.status.in_(DONE), Notification.created_at < _start_of(before))
    if dry_run:
        return {"notification(s)": _count(session, Notification, *where)}
    deleted = _delete(session, Notification, *where)
    if deleted:
        _record(session, "retention.notifications", f"{deleted} created before {before}", now)
    return {"notification(s)": deleted}


def preparation(session: Session, before: date, now: datetime, *, dry_run: bool) -> dict:
    """Drafts and sent preparations of the meetings held before the Danish day `before`."""
    past = select(Meeting.id).where(Meeting.starts_at < _start_of(before))
    drafts = (Preparation.meeting_id.in_(past),)
    sent = (PreparationSending.meeting_id.in_(past),)
    if dry_run:
        return {
            "draft(s)": _count(session, Preparation, *drafts),
            "sent preparation(s)": _count(session, PreparationSending, *sent),
        }
    with deleting_records(session):
        counts = {
            "draft(s)": _delete(session, Preparation, *drafts),
            "sent preparation(s)": _delete(session, PreparationSending, *sent),
        }
    if any(counts.values()):
        gone_drafts, gone_sent = counts.values()
        detail = f"{gone_drafts} drafts, {gone_sent} sent, meetings before {before}"
        _record(session, "retention.preparation", detail, now)
    return counts


def _utc_day(now: datetime) -> date:
    return now.astimezone(UTC).date()


def _danish_day(now: datetime) -> date:
    return clock.local(now).date()


@dataclass(frozen=True)
class Kind:
    name: str
    period: str  # the RetentionPeriods field, in days
    today: Callable[[datetime], date]  # the day the period is counted back from
    apply: Callable[..., dict]


KINDS = (
    Kind("audit trail", "audit_days", _utc_day, audit_trail),
    Kind("notifications", "notifications_days", _danish_day, notifications),
    Kind("meeting preparation", "preparation_days", _danish_day, preparation),
)


def run(
    session: Session, periods: RetentionPeriods, now: datetime, *, dry_run: bool = False
) -> list[Result]:
    """Every kind in turn, each in its own transaction (committed here: the job is its own unit
    of work), so a kind that fails is rolled back alone and the others still go. A dry run rolls
    every kind back."""
    results = []
    for kind in KINDS:
        cutoff = kind.today(now) - timedelta(days=getattr(periods, kind.period))
        try:
            counts = kind.apply(session, cutoff, now, dry_run=dry_run)
            if dry_run:
                session.rollback()
            else:
                session.commit()
        except Exception as error:  # one kind failing must not stop the others
            session.rollback()
            # The class only: a database error's message can quote the values of a row.
            log.error("retention of %s failed: %s", kind.name, type(error).__name__)
            results.append(Result(kind.name, cutoff, {}, dry_run, type(error).__name__))
            continue
        results.append(Result(kind.name, cutoff, counts, dry_run))
    return results
