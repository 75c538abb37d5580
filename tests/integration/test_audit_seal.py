"""Sealing the audit trail in hourly batches, verifying the chain, and retention of whole sealed
batches (portal/services/audit_seal.py), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select, text

from portal import clock
from portal.models import AuditEvent, AuditRetention, AuditSeal
from portal.services import audit, audit_seal
from tests.conftest import append_only_lifted

NINE = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)
HOUR = timedelta(hours=1)
LATER = NINE + timedelta(days=3 * 365)  # "now" for retention, beyond the two years kept


def _rows(session, *moments: datetime) -> list[int]:
    ids = []
    for moment in moments:
        with clock.frozen(moment):
            entry = audit.record(
                session,
                actor_id=None,
                actor_role="caseworker",
                citizen_id=None,
                action="plan.view",
                target="/medarbejder/borger/1",
                detail="æøå – de ser",  # not ASCII: the canonical form is stable anyway
            )
            session.flush()
            ids.append(entry.id)
    session.commit()
    return ids


def _seals(session) -> list[tuple[datetime, datetime, int]]:
    return [
        (s.batch_start, s.batch_end, s.row_count)
        for s in session.scalars(select(AuditSeal).order_by(AuditSeal.batch_start))
    ]


def _tamper(session, sql: str, **params) -> None:
    """What someone with the database's superuser (or the SQLite file) could do."""
    with append_only_lifted(session):
        session.execute(text(sql), params)
    session.commit()


def test_only_closed_hours_are_sealed_and_empty_hours_fold_into_the_next(empty_session):
    session = empty_session
    _rows(session, NINE + MINUTE, NINE + 59 * MINUTE, NINE + 3 * HOUR + MINUTE)
    # At 10:04 the nine o'clock hour is not closed yet (five minutes' grace).
    assert audit_seal.seal_closed_batches(session, NINE + HOUR + 4 * MINUTE) == []
    sealed = audit_seal.seal_closed_batches(session, NINE + HOUR + 5 * MINUTE)
    session.commit()
    assert [(s.batch_start, s.batch_end, s.row_count) for s in sealed] == [(NINE, NINE + HOUR, 2)]
    # Later: the three empty hours and the one with a row are one batch, chained to the first.
    sealed = audit_seal.seal_closed_batches(session, NINE + 5 * HOUR)
    session.commit()
    assert _seals(session) == [(NINE, NINE + HOUR, 2), (NINE + HOUR, NINE + 4 * HOUR, 1)]
    first, second = session.scalars(select(AuditSeal).order_by(AuditSeal.batch_start))
    assert first.previous_hash == audit_seal.GENESIS
    assert second.previous_hash == first.seal_hash
    # Running it again seals nothing twice.
    assert audit_seal.seal_closed_batches(session, NINE + 6 * HOUR) == []
    verdict = audit_seal.verify(session)
    assert verdict.ok and (verdict.batches, verdict.rows) == (2, 3)
    assert [s.id for s in audit_seal._seals(session, page=1)] == [first.id, second.id]


def test_an_empty_trail_seals_nothing_and_verifies(empty_session):
    assert audit_seal.seal_closed_batches(empty_session, NINE) == []
    assert audit_seal.verify(empty_session).ok


def _three_sealed_hours(session) -> list[int]:
    ids = _rows(session, NINE + MINUTE, NINE + HOUR + MINUTE, NINE + 2 * HOUR + MINUTE)
    audit_seal.seal_closed_batches(session, NINE + 4 * HOUR)
    session.commit()
    assert audit_seal.verify(session).ok
    return ids


@pytest.mark.parametrize(
    ("tampering", "why"),
    [
        ("UPDATE audit_event SET detail = 'nothing to see' WHERE id = :id", "rows changed"),
        ("UPDATE audit_event SET at = at + interval '1 second' WHERE id = :id", "rows changed"),
        ("DELETE FROM audit_event WHERE id = :id", "rows changed"),
    ],
)
def test_verify_names_the_first_batch_that_was_tampered_with(empty_session, tampering, why):
    session = empty_session
    ids = _three_sealed_hours(session)
    if session.get_bind().dialect.name == "sqlite":
        tampering = tampering.replace("at + interval '1 second'", "datetime(at, '+1 second')")
    _tamper(session, tampering, id=ids[1])
    verdict = audit_seal.verify(session)
    assert not verdict.ok and why in verdict.reason
    assert (verdict.broken.batch_start, verdict.broken.batch_end) == (NINE + HOUR, NINE + 2 * HOUR)
    assert verdict.batches == 1  # the batch before it still matched


def test_a_row_slipped_into_a_sealed_hour_is_found(empty_session):
    session = empty_session
    _three_sealed_hours(session)
    _rows(session, NINE + 2 * HOUR + 30 * MINUTE)  # back-dated: the clock frozen in the past
    verdict = audit_seal.verify(session)
    assert verdict.broken.batch_start == NINE + 2 * HOUR and "1 sealed" in verdict.reason


def test_a_rewritten_seal_or_a_broken_chain_is_found(empty_session):
    session = empty_session
    _three_sealed_hours(session)
    first = session.scalar(select(AuditSeal.id).order_by(AuditSeal.batch_start))
    _tamper(session, "UPDATE audit_seal SET row_count = 7 WHERE id = :id", id=first)
    verdict = audit_seal.verify(session)
    assert verdict.broken.id == first and verdict.reason == "the seal itself was changed"
    _tamper(session, "DELETE FROM audit_seal WHERE id = :id", id=first)
    verdict = audit_seal.verify(session)
    assert verdict.broken.batch_start == NINE + HOUR and "chain is broken" in verdict.reason


def test_retention_deletes_whole_sealed_batches_keeps_the_seals_and_verifies(empty_session):
    session = empty_session
    day_one = [NINE + MINUTE, NINE + HOUR + MINUTE]
    day_two = [NINE + timedelta(days=1, minutes=1)]
    *_, day_two_id = _rows(session, *day_one, *day_two)
    audit_seal.seal_closed_batches(session, NINE + timedelta(days=1, hours=2))
    unsealed = _rows(session, NINE + timedelta(days=1, hours=3))
    session.commit()
    # Nothing sealed ended before 1 March: nothing to delete.
    assert audit_seal.delete_sealed_batches_before(session, date(2027, 3, 1), LATER) is None
    run = audit_seal.delete_sealed_batches_before(session, date(2027, 3, 2), LATER)
    session.commit()
    assert (run.rows_deleted, run.cutoff) == (2, NINE + 2 * HOUR)
    # Run again: nothing left to delete, so nothing is recorded either.
    assert audit_seal.delete_sealed_batches_before(session, date(2027, 3, 2), LATER) is None
    assert audit_seal.sealed_rows_before(session, date(2027, 3, 2), LATER) == (NINE + 2 * HOUR, 0)
    remaining = session.scalars(select(AuditEvent.at).order_by(AuditEvent.id)).all()
    # Day two's sealed row, the unsealed row, and the retention run's own row stay.
    assert remaining[:2] == [*day_two, NINE + timedelta(days=1, hours=3)]
    assert session.scalar(select(AuditEvent.action).order_by(AuditEvent.id.desc()).limit(1)) == (
        "audit.retention"
    )
    assert len(_seals(session)) == 3  # every seal kept
    assert session.scalar(select(func.count()).select_from(AuditRetention)) == 1
    verdict = audit_seal.verify(session)
    assert verdict.ok, verdict.reason
    assert verdict.batches == 3 and verdict.rows == 1
    assert unsealed  # the unsealed row was never touched
    # A later sealed batch tampered with is still named after retention.
    _tamper(session, "UPDATE audit_event SET detail = 'x' WHERE id = :id", id=day_two_id)
    assert audit_seal.verify(session).broken.batch_start == NINE + 2 * HOUR


def test_retention_never_reaches_into_the_two_years_the_access_log_shows(empty_session):
    session = empty_session
    _three_sealed_hours(session)
    soon = NINE + timedelta(days=400)
    with pytest.raises(audit_seal.RetentionRefused):
        audit_seal.delete_sealed_batches_before(session, date(2027, 3, 2), soon)
    assert session.scalar(select(func.count()).select_from(AuditEvent)) == 3


def test_the_canonical_form_is_the_same_whatever_the_database(empty_session):
    session = empty_session
    [entry_id] = _rows(session, NINE + timedelta(seconds=1, microseconds=5))
    row = session.execute(select(*audit_seal._COLUMNS).where(AuditEvent.id == entry_id)).one()
    assert (
        audit_seal.canonical(row)
        == (
            f'[{entry_id},"2027-03-01T09:00:01.000005Z",null,"caseworker",null,"plan.view",'
            '"/medarbejder/borger/1","allowed","æøå – de ser"]'
        ).encode()
    )
