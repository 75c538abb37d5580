"""The outbox depth the metrics scrape reads: one statement, each count through the worker's index
(status, due_at) and stopped at the cap, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import event, text

from portal import clock
from portal.models import DeliveryStatus
from portal.services.notifications import depth
from tests.factories import people
from tests.factories.notifications import outbox_row


def _add(session, recipient_id: int, statuses_and_due) -> None:
    session.add_all(
        outbox_row(recipient_id, f"depth-{n}", status, due_in)
        for n, (status, due_in) in enumerate(statuses_and_due)
    )
    session.flush()


def test_counts_pending_due_and_failed_and_stops_at_the_cap(empty_session, monkeypatch):
    session = empty_session
    citizen = people.citizen(session)
    past, future = timedelta(hours=-1), timedelta(hours=3)
    _add(
        session,
        citizen.id,
        [(DeliveryStatus.PENDING, past)] * 4
        + [(DeliveryStatus.PENDING, future)] * 2
        + [(DeliveryStatus.FAILED, past)] * 3
        + [(DeliveryStatus.SENT, past), (DeliveryStatus.UNCONFIRMED, past)],
    )
    now = clock.now()
    assert depth.outbox_depth(session, now) == depth.OutboxDepth(pending=6, due=4, failed=3)
    monkeypatch.setattr(depth, "CAP", 3)
    assert depth.outbox_depth(session, now) == depth.OutboxDepth(pending=3, due=3, failed=3)
    session.rollback()


def test_one_statement_through_the_workers_index(empty_session):
    session = empty_session
    seen: list[tuple[str, object]] = []

    def keep(conn, cursor, statement, parameters, context, executemany):
        seen.append((statement, parameters))

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", keep)
    try:
        depth.outbox_depth(session, clock.now())
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    [(statement, parameters)] = [s for s in seen if "notification" in s[0]]
    assert statement.upper().count("LIMIT") == 3
    postgres = engine.dialect.name == "postgresql"
    if postgres:
        session.execute(text("SET LOCAL enable_seqscan = off"))  # tiny tables: ask for the index
    explain = "EXPLAIN " if postgres else "EXPLAIN QUERY PLAN "
    plan = " ".join(
        str(row) for row in session.connection().exec_driver_sql(explain + statement, parameters)
    )
    assert plan.count("ix_notification_due") == 3, plan
    session.rollback()
