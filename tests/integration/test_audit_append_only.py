"""The database itself keeps the audit trail append-only (migration 0019): UPDATE and DELETE of
audit rows, seals and retention records are refused on SQLite and PostgreSQL, whoever asks; the
one deletion let through is the retention path, and only for rows inside a sealed batch."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from portal import clock
from portal.models import AuditEvent
from portal.seal_keys import SealKeys
from portal.services import audit, audit_seal

HOUR = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
KEYS = SealKeys.parse("append-only:" + "k" * 32)


def _row(session, at: datetime, detail: str = "seen") -> int:
    with clock.frozen(at):
        entry = audit.record(
            session,
            actor_id=None,
            actor_role="caseworker",
            citizen_id=None,
            action="plan.view",
            detail=detail,
        )
    session.commit()
    return entry.id


def _refused(session, sql: str, **params) -> str:
    with pytest.raises(DBAPIError) as refused:
        session.execute(text(sql), params)
    session.rollback()
    return str(refused.value)


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_event SET detail = 'rewritten' WHERE id = :id",
        "UPDATE audit_event SET at = at WHERE id = :id",
        "DELETE FROM audit_event WHERE id = :id",
        "DELETE FROM audit_event",
    ],
)
def test_the_database_refuses_to_change_or_delete_audit_rows(empty_session, sql):
    session = empty_session
    entry_id = _row(session, HOUR + timedelta(minutes=5))
    assert "append-only" in _refused(session, sql, id=entry_id)
    assert session.get(AuditEvent, entry_id).detail == "seen"


def test_seals_and_retention_records_cannot_be_changed_or_deleted(empty_session):
    session = empty_session
    _row(session, HOUR + timedelta(minutes=5))
    audit_seal.seal_closed_batches(session, HOUR + timedelta(hours=2), KEYS)
    years_later = HOUR + timedelta(days=3 * 365)
    next_day = (HOUR + timedelta(days=1)).date()
    assert audit_seal.delete_sealed_batches_before(session, next_day, years_later).rows_deleted == 1
    session.commit()
    for sql in (
        "UPDATE audit_seal SET digest = 'x'",
        "DELETE FROM audit_seal",
        "UPDATE audit_retention SET rows_deleted = 0",
        "DELETE FROM audit_retention",
    ):
        assert "append-only" in _refused(session, sql)


def test_truncate_is_refused_on_postgresql(empty_session):
    session = empty_session
    if session.get_bind().dialect.name != "postgresql":
        pytest.skip("SQLite has no TRUNCATE (its DELETE without WHERE is refused above)")
    _row(session, HOUR)
    for table in ("audit_event", "audit_seal", "audit_retention"):
        assert "append-only" in _refused(session, f"TRUNCATE {table} CASCADE")


def test_the_retention_path_deletes_only_sealed_rows(empty_session):
    session = empty_session
    sealed = _row(session, HOUR + timedelta(minutes=5))
    audit_seal.seal_closed_batches(session, HOUR + timedelta(hours=1, minutes=10), KEYS)
    session.commit()
    unsealed = _row(session, HOUR + timedelta(hours=1, minutes=1))
    # Opened by hand, the path still refuses a row outside every sealed batch ...
    audit_seal._allow_retention(session, True)
    assert "append-only" in _refused(session, "DELETE FROM audit_event WHERE id = :id", id=unsealed)
    # ... and lets a sealed one go; closed again, it refuses again.
    audit_seal._allow_retention(session, True)
    session.execute(text("DELETE FROM audit_event WHERE id = :id"), {"id": sealed})
    audit_seal._allow_retention(session, False)
    session.commit()
    assert session.get(AuditEvent, sealed) is None
    assert "append-only" in _refused(session, "DELETE FROM audit_event WHERE id = :id", id=unsealed)
    # The retention mark does not outlive its transaction.
    session.commit()
    assert session.scalar(text("SELECT count(*) FROM audit_retention_guard")) == 0


def test_a_role_that_is_not_superuser_cannot_lift_the_triggers(empty_session):
    """CI connects as a superuser; the application's own role must not be able to switch the
    triggers off: a fresh non-superuser role with a random name, dropped afterwards."""
    session = empty_session
    if session.get_bind().dialect.name != "postgresql":
        pytest.skip("roles are PostgreSQL's")
    entry_id = _row(session, HOUR)
    role = f"portal_app_{uuid.uuid4().hex[:10]}"
    session.execute(text(f'CREATE ROLE "{role}" NOSUPERUSER NOLOGIN'))
    session.execute(
        text(f'GRANT SELECT, INSERT, UPDATE, DELETE ON audit_event, audit_seal TO "{role}"')
    )
    session.commit()
    try:
        for attempt in (
            "SET session_replication_role = replica",
            "ALTER TABLE audit_event DISABLE TRIGGER USER",
            "DROP TRIGGER audit_event_append_only ON audit_event",
            f"UPDATE audit_event SET detail = 'rewritten' WHERE id = {entry_id}",
            f"DELETE FROM audit_event WHERE id = {entry_id}",
        ):
            session.execute(text(f'SET LOCAL ROLE "{role}"'))
            with pytest.raises(DBAPIError):
                session.execute(text(attempt))
            session.rollback()
        assert session.get(AuditEvent, entry_id).detail == "seen"
    finally:
        session.rollback()
        session.execute(text(f'REVOKE ALL ON audit_event, audit_seal FROM "{role}"'))
        session.execute(text(f'DROP ROLE "{role}"'))
        session.commit()
