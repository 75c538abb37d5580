"""The outbox depth the metrics scrape reads: one statement, each count through the worker's index
(status, due_at) and stopped at the cap, and the oldest due row's wait, on SQLite and PostgreSQL."""

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
    now = clock.now()
    with clock.frozen(now):
        _add(
            session,
            citizen.id,
            [(DeliveryStatus.PENDING, past)] * 4
            + [(DeliveryStatus.PENDING, timedelta(minutes=-5))]
            + [(DeliveryStatus.PENDING, future)] * 2
            + [(DeliveryStatus.FAILED, timedelta(hours=-5))] * 3
            + [(DeliveryStatus.SENT, timedelta(hours=-9))]
            + [(DeliveryStatus.UNCONFIRMED, timedelta(hours=-9))],
        )
    # The oldest due pending row waited an hour: the older failed, sent and unconfirmed rows and
    # the rows due later do not count.
    expected = depth.OutboxDepth(pending=7, due=5, failed=3, oldest_due_seconds=3600.0)
    assert depth.outbox_depth(session, now) == expected
    monkeypatch.setattr(depth, "CAP", 3)
    capped = depth.OutboxDepth(pending=3, due=3, failed=3, oldest_due_seconds=3600.0)
    assert depth.outbox_depth(session, now) == capped
    session.rollback()


def test_nothing_due_waited_nothing(empty_session):
    session = empty_session
    citizen = people.citizen(session)
    _add(session, citizen.id, [(DeliveryStatus.PENDING, timedelta(hours=3))])
    counted = depth.outbox_depth(session, clock.now())
    assert (counted.pending, counted.due, counted.oldest_due_seconds) == (1, 0, 0.0)
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
    assert statement.upper().count("LIMIT") == 4
    postgres = engine.dialect.name == "postgresql"
    if postgres:
        session.execute(text("SET LOCAL enable_seqscan = off"))  # tiny tables: ask for the index
    explain = "EXPLAIN " if postgres else "EXPLAIN QUERY PLAN "
    plan = " ".join(
        str(row) for row in session.connection().exec_driver_sql(explain + statement, parameters)
    )
    assert plan.count("ix_notification_due") == 4, plan
    session.rollback()
