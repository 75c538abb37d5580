"""Counting the SQL statements a request sends, so a page's cost is a number a test can hold.

`StatementCounter` listens to the engine's `before_cursor_execute` event for as long as it is
entered and keeps each statement's text. Savepoint and transaction statements SQLAlchemy emits
itself are not application queries and are left out; the audit insert is counted apart
(`audit_inserts`), because where it is written belongs to the request cycle, not the page.
"""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import event

_NOT_QUERIES = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT", "BEGIN", "PRAGMA")


class StatementCounter:
    def __init__(self, engine) -> None:
        self.engine = engine
        self.statements: list[str] = []

    def _before(self, conn, cursor, statement, parameters, context, executemany) -> None:
        text = " ".join(statement.split())
        if not text.upper().startswith(_NOT_QUERIES):
            self.statements.append(text)

    def __enter__(self) -> StatementCounter:
        event.listen(self.engine, "before_cursor_execute", self._before)
        return self

    def __exit__(self, *exc) -> None:
        event.remove(self.engine, "before_cursor_execute", self._before)

    @property
    def audit_inserts(self) -> list[str]:
        return [s for s in self.statements if s.upper().startswith("INSERT INTO AUDIT_EVENT")]

    @property
    def queries(self) -> list[str]:
        """Every statement except the audit insert."""
        return [s for s in self.statements if s not in self.audit_inserts]

    def __len__(self) -> int:
        return len(self.queries)


@contextmanager
def counting(app):
    """`with counting(app) as counted: client.get(...)`: the statements sent meanwhile."""
    with app.app_context():
        from portal.extensions import db

        engine = db.engine
    with StatementCounter(engine) as counter:
        yield counter
