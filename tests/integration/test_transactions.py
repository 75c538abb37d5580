"""One state change is one transaction on every database: a savepoint inside it (used by
services to turn a lost race into a refusal) never commits on its own."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.models import Person
from tests.factories import people


def _count(session) -> int:
    return session.scalar(select(func.count()).select_from(Person))


def test_released_savepoints_are_undone_with_their_transaction(empty_session):
    empty_session.commit()
    before = _count(empty_session)
    for name in ("Ada", "Bo"):
        with empty_session.begin_nested():
            people.relative(empty_session, first_name=name)
    assert _count(empty_session) == before + 2
    empty_session.rollback()
    assert _count(empty_session) == before
