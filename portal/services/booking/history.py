"""The caseworker's look back: a citizen's bookings and call-me requests, a bounded page at a time.

Each list is newest first by (time, id) and pages by keyset: a later page names the last row it
continues after (`before`), and the rows older than that one are read in the same statement as
the key itself (a scalar subquery), so a page is one query whatever its place in the list. A key
that is not one of this citizen's rows (unknown, deleted, another citizen's) matches nothing: the
page is empty and says so, like the citizen's own past conversations (`reading.conversations`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Generic, TypeVar

from sqlalchemy import Integer, bindparam, select, tuple_
from sqlalchemy.orm import Session, aliased, joinedload

from portal.models import Booking, CallbackRequest

HISTORY_SHOWN = 50
CALLBACKS_SHOWN = 20

Row = TypeVar("Row")


@dataclass(frozen=True)
class HistoryPage(Generic[Row]):
    rows: list[Row]  # newest first, at most the page size
    older: bool = False  # more rows follow the last one shown
    before: int | None = None  # the row this page continues after (None: the newest page)

    @property
    def next_key(self) -> int | None:
        """The key of the page after this one (the last row shown), when there is one."""
        return self.rows[-1].id if self.older and self.rows else None


_CITIZEN = bindparam("citizen_id", type_=Integer)
_BEFORE = bindparam("before", type_=Integer)
_LIMIT = bindparam("limit", type_=Integer)


def _older_than(model, when):
    """Rows of `model` older than row `before` by (when, id); nothing if `before` is not this
    citizen's (the subquery is NULL and so is the comparison); run with the parameters
    `citizen_id` and `before`. As a row value: SQLite then seeks the citizen's index on the time
    column to the key and reads the subquery once (EXPLAIN QUERY PLAN; spelt out as
    `a < x OR (a = x AND id < y)` it walked the citizen's rows from the newest and ran the
    subquery twice)."""
    mark = aliased(model)
    mark_when = (
        select(getattr(mark, when.key))
        .where(mark.id == _BEFORE, mark.citizen_id == _CITIZEN)
        .scalar_subquery()
    )
    return tuple_(when, model.id) < tuple_(mark_when, _BEFORE)


def _page(rows: list, size: int, before: int | None) -> HistoryPage:
    # One row more than shown was read: whether it came back says if an older page exists.
    return HistoryPage(rows=rows[:size], older=len(rows) > size, before=before)


# The four statements (each list, first page or later) are built once per process and run with
# named parameters: building them again on every view cost more CPU than running them.
@cache
def _bookings(later: bool):
    query = select(Booking).where(Booking.citizen_id == _CITIZEN)
    if later:
        query = query.where(_older_than(Booking, Booking.booked_at))
    # The page shows each booking's time from its slot: joined in the same statement. Nothing
    # else is loaded with it (the page does not name the caseworker or who ended it).
    return (
        query.options(joinedload(Booking.slot, innerjoin=True))
        .order_by(Booking.booked_at.desc(), Booking.id.desc())
        .limit(_LIMIT)
    )


@cache
def _callbacks(later: bool):
    query = select(CallbackRequest).where(CallbackRequest.citizen_id == _CITIZEN)
    if later:
        query = query.where(_older_than(CallbackRequest, CallbackRequest.at))
    return query.order_by(CallbackRequest.at.desc(), CallbackRequest.id.desc()).limit(_LIMIT)


def _read(session: Session, statement, citizen_id: int, before: int | None, size: int) -> list:
    # One row more than shown is read: whether it comes back says if an older page exists.
    parameters = {"citizen_id": citizen_id, "limit": size + 1}
    if before is not None:
        parameters["before"] = before
    return list(session.scalars(statement, parameters).all())


def booking_history(
    session: Session, citizen_id: int, before: int | None = None, size: int = HISTORY_SHOWN
) -> HistoryPage[Booking]:
    """The citizen's bookings, rebooked and cancelled ones too, newest booked first, with each
    booking's slot (joined: one statement)."""
    rows = _read(session, _bookings(before is not None), citizen_id, before, size)
    return _page(rows, size, before)


def callback_history(
    session: Session, citizen_id: int, before: int | None = None, size: int = CALLBACKS_SHOWN
) -> HistoryPage[CallbackRequest]:
    """The citizen's call-me requests, the newest first (at most one per deadline window)."""
    rows = _read(session, _callbacks(before is not None), citizen_id, before, size)
    return _page(rows, size, before)
