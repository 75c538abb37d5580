"""The caseworker's look back: a citizen's bookings and call-me requests, a bounded page at a time.

Each list is newest first by (time, id) and pages by keyset: a later page names the last row it
continues after (`before`), and the rows older than that one are read in the same statement as
the key itself (a scalar subquery), so a page is one query whatever its place in the list. A key
that is not one of this citizen's rows (unknown, deleted, another citizen's) matches nothing: the
page is empty and says so, like the citizen's own past conversations (`reading.conversations`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy import Integer, literal, select, tuple_
from sqlalchemy.orm import Session, aliased, joinedload

from portal.models import Booking, CallbackRequest, Slot

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


def _older_than(model, when, citizen_id: int, before: int):
    """Rows of `model` older than row `before` by (when, id); nothing if `before` is not this
    citizen's (the subquery is NULL and so is the comparison). As a row value: SQLite then seeks
    the citizen's index on the time column to the key and reads the subquery once (EXPLAIN QUERY
    PLAN; spelt out as `a < x OR (a = x AND id < y)` it walked the citizen's rows from the
    newest and ran the subquery twice)."""
    mark = aliased(model)
    mark_when = (
        select(getattr(mark, when.key))
        .where(mark.id == before, mark.citizen_id == citizen_id)
        .scalar_subquery()
    )
    return tuple_(when, model.id) < tuple_(mark_when, literal(before, Integer))


def _page(rows: list, size: int, before: int | None) -> HistoryPage:
    # One row more than shown was read: whether it came back says if an older page exists.
    return HistoryPage(rows=rows[:size], older=len(rows) > size, before=before)


def booking_history(
    session: Session, citizen_id: int, before: int | None = None, size: int = HISTORY_SHOWN
) -> HistoryPage[Booking]:
    """The citizen's bookings, rebooked and cancelled ones too, newest booked first, with each
    booking's slot, caseworker and who ended it (joined: one statement)."""
    query = select(Booking).where(Booking.citizen_id == citizen_id)
    if before is not None:
        query = query.where(_older_than(Booking, Booking.booked_at, citizen_id, before))
    rows = session.scalars(
        query.options(
            joinedload(Booking.slot).joinedload(Slot.caseworker),
            joinedload(Booking.ended_by),
        )
        .order_by(Booking.booked_at.desc(), Booking.id.desc())
        .limit(size + 1)
    ).all()
    return _page(list(rows), size, before)


def callback_history(
    session: Session, citizen_id: int, before: int | None = None, size: int = CALLBACKS_SHOWN
) -> HistoryPage[CallbackRequest]:
    """The citizen's call-me requests, the newest first (at most one per deadline window)."""
    query = select(CallbackRequest).where(CallbackRequest.citizen_id == citizen_id)
    if before is not None:
        query = query.where(_older_than(CallbackRequest, CallbackRequest.at, citizen_id, before))
    rows = session.scalars(
        query.order_by(CallbackRequest.at.desc(), CallbackRequest.id.desc()).limit(size + 1)
    ).all()
    return _page(list(rows), size, before)
