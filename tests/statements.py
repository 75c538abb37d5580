"""Counting the SQL statements a request sends, so a page's cost is a number a test can hold.

`StatementCounter` listens to the engine's `before_cursor_execute` event for as long as it is
entered and keeps each statement's text. Savepoint and transaction statements SQLAlchemy emits
itself are not application queries and are left out; the audit insert and the server-side
session's reads and writes are counted apart (`audit_inserts`, `session_statements`), because
they belong to the request cycle, not the page (and with Redis configured the session sends no
SQL at all).
"""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import event

# The same statements the production metrics leave out of a request's count.
from portal.web.metrics import NOT_QUERIES as _NOT_QUERIES


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
    def session_statements(self) -> list[str]:
        return [s for s in self.statements if "web_session" in s.split(" WHERE ")[0].lower()]

    @property
    def queries(self) -> list[str]:
        """Every statement except the audit insert and the session store's."""
        apart = set(self.audit_inserts) | set(self.session_statements)
        return [s for s in self.statements if s not in apart]

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
