"""Where a citizen stands on booking, for the caseworker's conversation page: the newest exemption,
the open deadline window and the citizen's help request in that window, read in one statement.

Each is what `reading.latest_exemption`, `reading.open_window` and `help.help_request` return; the
page needs all three on every view, and three statements cost three round trips and three times
the ORM's work per statement, which on this page weighed more than the rows. The statement is
built once per process and run with named parameters (like `worklist_items`): building it again
on every request would cost more than running it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from sqlalchemy import Date, Integer, and_, bindparam, literal, select
from sqlalchemy.orm import Session, aliased

from portal.models import BookingHelpRequest, DeadlineWindow, Exemption

_CITIZEN = bindparam("citizen_id", type_=Integer)
_TODAY = bindparam("today", type_=Date)


@dataclass(frozen=True)
class Standing:
    exemption: Exemption | None  # the newest exemption row (it may say "not exempted")
    window: DeadlineWindow | None  # the window open today (the newest that has not closed)
    help_request: BookingHelpRequest | None  # the citizen's "Jeg kan ikke booke selv" in it

    @property
    def exempted(self) -> bool:
        return bool(self.exemption and self.exemption.exempted)

    @property
    def help_open(self) -> bool:
        """A help request the caseworker has not answered yet."""
        return self.help_request is not None and self.help_request.answered_at is None


@cache
def _statement():
    # Each row is picked by a scalar subquery over its own alias (uncorrelated), in the same
    # order as the single reads, and joined to a one-row base, so a missing one is NULL (None).
    newest = aliased(Exemption)
    exemption_id = (
        select(newest.id)
        .where(newest.citizen_id == _CITIZEN)
        .order_by(newest.at.desc(), newest.id.desc())
        .limit(1)
        .correlate(None)
        .scalar_subquery()
    )
    open_ = aliased(DeadlineWindow)
    window_id = (
        select(open_.id)
        .where(open_.citizen_id == _CITIZEN, open_.closes_on >= _TODAY)
        .order_by(open_.created_at.desc(), open_.id.desc())
        .limit(1)
        .correlate(None)
        .scalar_subquery()
    )
    one = select(literal(1).label("one")).subquery("one")
    return (
        select(Exemption, DeadlineWindow, BookingHelpRequest)
        .select_from(one)
        .outerjoin(Exemption, Exemption.id == exemption_id)
        .outerjoin(DeadlineWindow, DeadlineWindow.id == window_id)
        .outerjoin(
            BookingHelpRequest,
            and_(
                BookingHelpRequest.citizen_id == _CITIZEN,
                BookingHelpRequest.window_id == DeadlineWindow.id,
            ),
        )
    )


def standing(session: Session, citizen_id: int, today: date) -> Standing:
    exemption, window, help_request = session.execute(
        _statement(), {"citizen_id": citizen_id, "today": today}
    ).one()
    return Standing(exemption, window, help_request)
