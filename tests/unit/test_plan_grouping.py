"""Grouping efforts into Nu / Senere / Afsluttet, without a database."""

from datetime import date

from portal.models import Effort, EffortStatus
from portal.services.plan import decode_dates, encode_dates, group_efforts

TODAY = date(2026, 3, 10)


def effort(id, status, start=None, end=None):
    return Effort(id=id, title=f"e{id}", status=status, start_date=start, end_date=end)


def test_groups_by_status_and_start_date():
    ongoing = effort(1, EffortStatus.ONGOING, date(2026, 1, 1), date(2026, 6, 1))
    paused = effort(2, EffortStatus.PAUSED, date(2026, 1, 1))
    planned_started = effort(3, EffortStatus.PLANNED, date(2026, 3, 10))  # starts today
    planned_later = effort(4, EffortStatus.PLANNED, date(2026, 3, 11))
    planned_undated = effort(5, EffortStatus.PLANNED)
    done = effort(6, EffortStatus.DONE, date(2025, 1, 1), date(2025, 6, 1))
    cancelled = effort(7, EffortStatus.CANCELLED, date(2025, 1, 1), date(2025, 9, 1))

    now, later, finished = group_efforts(
        [done, planned_later, ongoing, cancelled, paused, planned_undated, planned_started], TODAY
    )
    assert [e.id for e in now] == [1, 3, 2]  # ending soonest first, open-ended next, paused last
    assert [e.id for e in later] == [4, 5]  # soonest first, undated last
    assert [e.id for e in finished] == [7, 6]  # most recently ended first


def test_empty_plan_groups_are_empty():
    assert group_efforts([], TODAY) == ([], [], [])


def test_dates_round_trip_in_history_values():
    assert decode_dates(encode_dates(date(2026, 1, 2), None)) == (date(2026, 1, 2), None)
    assert decode_dates(encode_dates(None, date(2026, 5, 6))) == (None, date(2026, 5, 6))
    assert decode_dates(None) == (None, None)
