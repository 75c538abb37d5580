"""The citizen's access log reads a bounded page through the index on (citizen_id, at), on SQLite
and PostgreSQL: its cost follows one citizen's rows, not the size of the audit trail."""

from __future__ import annotations

from sqlalchemy import event, text

from portal import clock
from portal.services import access_log
from tests.factories import people


def _statements(session, citizen_id: int) -> list[tuple[str, object]]:
    seen: list[tuple[str, object]] = []

    def keep(conn, cursor, statement, parameters, context, executemany):
        if "FROM audit_event" in statement:
            seen.append((statement, parameters))

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", keep)
    try:
        access_log.page_of(session, citizen_id, clock.now())
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    return seen


def test_the_access_log_reads_one_bounded_page_by_the_citizen_time_index(empty_session):
    session = empty_session
    citizen = people.citizen(session)
    session.commit()
    statements = _statements(session, citizen.id)
    assert len(statements) == 2  # the count and the page; the actors come in one more query
    assert "LIMIT" in statements[1][0].upper()
    postgres = session.get_bind().dialect.name == "postgresql"
    if postgres:
        session.execute(text("SET LOCAL enable_seqscan = off"))  # tiny tables: ask for the index
    for statement, parameters in statements:
        explain = "EXPLAIN " if postgres else "EXPLAIN QUERY PLAN "
        raw = session.connection().exec_driver_sql(explain + statement, parameters)
        plan = " ".join(str(row) for row in raw)
        assert "ix_audit_event_citizen_at" in plan, plan
    session.rollback()
