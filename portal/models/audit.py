"""The audit trail: who did or saw what, when, and on whose data. Append-only.

The database refuses changes and deletions too (triggers made by migration 0019); the only
deletion it lets through is retention of whole sealed batches (portal/services/audit_seal.py).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, event
from sqlalchemy.orm import Mapped, Session, mapped_column

from portal.extensions import db
from portal.models.types import UTCDateTime


class AuditEvent(db.Model):
    __tablename__ = "audit_event"
    # The citizen's access log reads one citizen's newest rows first: (citizen_id, at); a
    # person's copy of their own data reads what they did: (actor_id, at).
    __table_args__ = (
        Index("ix_audit_event_citizen_at", "citizen_id", "at"),
        Index("ix_audit_event_actor_at", "actor_id", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    actor_role: Mapped[str] = mapped_column(String(20))
    # Whose data it concerns (the citizen the actor acted on or for).
    citizen_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    action: Mapped[str] = mapped_column(String(60))
    target: Mapped[str | None] = mapped_column(String(200))
    outcome: Mapped[str] = mapped_column(String(10))  # allowed | refused
    detail: Mapped[str | None] = mapped_column(String(300))


class AuditSeal(db.Model):
    """One closed batch of audit rows, [batch_start, batch_end), sealed with the seal before it:
    an HMAC-SHA256 with the key named by `key_id` (portal/seal_keys.py), or, for a seal made
    before seals were keyed (`key_id` NULL), a plain sha256.

    Batches follow each other without gaps; kept when retention deletes the batch's rows, so the
    chain can still be checked across a deleted stretch."""

    __tablename__ = "audit_seal"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_start: Mapped[datetime] = mapped_column(UTCDateTime(), unique=True)
    batch_end: Mapped[datetime] = mapped_column(UTCDateTime(), unique=True)
    row_count: Mapped[int] = mapped_column(Integer)
    digest: Mapped[str] = mapped_column(String(64))  # sha256 of the batch's rows, canonical
    previous_hash: Mapped[str] = mapped_column(String(64))
    seal_hash: Mapped[str] = mapped_column(String(64), unique=True)  # the HMAC or plain hash
    sealed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # The id of the key that made the seal, never the key (migration 0024); NULL: a plain hash.
    key_id: Mapped[str | None] = mapped_column(String(40))


class AuditRetention(db.Model):
    """A retention run: every audit row before `cutoff` (a sealed batch's end) was deleted."""

    __tablename__ = "audit_retention"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    cutoff: Mapped[datetime] = mapped_column(UTCDateTime())
    rows_deleted: Mapped[int] = mapped_column(Integer)


class AuditRetentionGuard(db.Model):
    """SQLite only: a row here, inside the retention transaction, is what lets the trigger allow
    deleting sealed rows (PostgreSQL uses a transaction-local setting instead). Always empty
    outside that transaction."""

    __tablename__ = "audit_retention_guard"

    id: Mapped[int] = mapped_column(primary_key=True)


class AuditIsAppendOnly(RuntimeError):
    pass


_APPEND_ONLY = (AuditEvent, AuditSeal, AuditRetention)


@event.listens_for(Session, "before_flush")
def _refuse_audit_rewrites(session: Session, flush_context, instances) -> None:
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, _APPEND_ONLY) and (obj in session.deleted or session.is_modified(obj)):
            raise AuditIsAppendOnly("audit events are never changed or deleted")
