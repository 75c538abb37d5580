"""Which database errors the unit of work answers as a lost race (a calm 409) and which stay
errors (portal/web/unit_of_work.py)."""

from __future__ import annotations

import sqlite3

import psycopg.errors
import pytest
from sqlalchemy.exc import OperationalError

from portal.web.unit_of_work import _lost_a_lock


def _wrapped(cause: Exception) -> OperationalError:
    return OperationalError("UPDATE person ...", {}, cause)


def _sqlite_error(sql: str, *, busy: bool) -> sqlite3.OperationalError:
    """A real SQLite error: "database is locked" from a writer that cannot get the lock."""
    first = sqlite3.connect(
        ":memory:" if not busy else "file:lock?mode=memory&cache=shared", uri=True
    )
    try:
        if busy:
            first.execute("CREATE TABLE t (x)")
            first.execute("BEGIN IMMEDIATE")
            first.execute("INSERT INTO t VALUES (1)")
            second = sqlite3.connect("file:lock?mode=memory&cache=shared", uri=True, timeout=0)
            second.execute(sql)
        else:
            first.execute(sql)
    except sqlite3.OperationalError as error:
        return error
    finally:
        first.close()
    raise AssertionError("no error")


def test_sqlite_locked_is_a_lost_race_and_other_errors_are_not():
    locked = _sqlite_error("INSERT INTO t VALUES (2)", busy=True)
    assert _lost_a_lock(_wrapped(locked)), locked
    assert not _lost_a_lock(_wrapped(_sqlite_error("SELECT * FROM missing", busy=False)))


@pytest.mark.parametrize(
    ("cause", "lost"),
    [
        (psycopg.errors.DeadlockDetected("deadlock"), True),
        (psycopg.errors.SerializationFailure("could not serialize"), True),
        (psycopg.errors.LockNotAvailable("lock timeout"), True),
        (psycopg.OperationalError("server closed the connection"), False),
        (psycopg.errors.AdminShutdown("terminating connection"), False),
    ],
)
def test_postgresql_lock_errors_are_a_lost_race_and_others_are_not(cause, lost):
    assert _lost_a_lock(_wrapped(cause)) is lost
