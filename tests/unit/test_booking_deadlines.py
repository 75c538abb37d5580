"""Booking rules with no database: the deadline window's days and the change cut-off.

Rules are checked at exact instants, including the edges: exactly at the cut-off, across a
change to/from summer time, and the last minutes of the window. The rules that need the
database (booking, rebooking, exemption, summons, slots) are in tests/integration/test_booking_*.
"""

from datetime import UTC, date, datetime, time, timedelta

from portal import clock
from portal.models import Booking, BookingKind, BookingStatus, DeadlineWindow, Slot
from portal.services import booking as bookings


def _window(opens: date, closes: date, cutoff: int = 24) -> DeadlineWindow:
    return DeadlineWindow(opens_on=opens, closes_on=closes, change_cutoff_hours=cutoff, topic="x")


def _booking(starts: datetime, window: DeadlineWindow | None, kind=BookingKind.SELF) -> Booking:
    slot = Slot(starts_at=starts, ends_at=starts + timedelta(minutes=30), forms="telefon")
    return Booking(slot=slot, window=window, kind=kind, status=BookingStatus.ACTIVE)


def test_change_is_possible_until_just_before_the_cutoff_and_not_at_it():
    starts = clock.at_local(date(2026, 1, 14), 10)
    booking = _booking(starts, _window(date(2026, 1, 12), date(2026, 1, 23)))
    cutoff = starts - timedelta(hours=24)
    assert bookings.change_deadline(booking) == cutoff
    assert bookings.can_change(booking, cutoff - timedelta(seconds=1))
    assert not bookings.can_change(booking, cutoff)  # exactly at the cut-off it has closed
    assert not bookings.can_change(booking, cutoff + timedelta(seconds=1))


def test_the_cutoff_the_caseworker_set_is_used():
    starts = clock.at_local(date(2026, 1, 14), 10)
    booking = _booking(starts, _window(date(2026, 1, 12), date(2026, 1, 23), cutoff=2))
    assert bookings.change_deadline(booking) == starts - timedelta(hours=2)
    assert bookings.can_change(booking, starts - timedelta(hours=3))


def test_cutoff_counts_elapsed_hours_across_the_change_to_summer_time():
    # Summer time begins Sunday 29 March 2026 at 02:00 in Denmark: that day has 23 hours.
    starts = clock.at_local(date(2026, 3, 29), 10)  # 10:00 CEST = 08:00 UTC
    booking = _booking(starts, _window(date(2026, 3, 23), date(2026, 4, 3)))
    deadline = bookings.change_deadline(booking)
    assert starts - deadline == timedelta(hours=24)
    # 24 real hours before 10:00 summer time is 09:00 winter time the day before.
    assert clock.local(deadline).replace(tzinfo=None) == datetime(2026, 3, 28, 9, 0)


def test_cutoff_across_the_change_back_to_winter_time():
    # Winter time returns Sunday 25 October 2026 at 03:00: that day has 25 hours.
    starts = clock.at_local(date(2026, 10, 25), 10)  # 10:00 CET = 09:00 UTC
    deadline = bookings.change_deadline(_booking(starts, None))
    assert clock.local(deadline).replace(tzinfo=None) == datetime(2026, 10, 24, 11, 0)


def test_a_summons_or_an_ended_booking_cannot_be_changed_by_the_citizen():
    starts = clock.at_local(date(2026, 1, 14), 10)
    early = starts - timedelta(days=5)
    assert not bookings.can_change(_booking(starts, None, kind=BookingKind.SUMMONS), early)
    cancelled = _booking(starts, None)
    cancelled.status = BookingStatus.CANCELLED
    assert not bookings.can_change(cancelled, early)


def test_window_contains_its_first_and_last_day_in_danish_time():
    window = _window(date(2026, 1, 12), date(2026, 1, 23))
    assert bookings.in_window(window, clock.at_local(date(2026, 1, 12), 0))
    assert bookings.in_window(window, clock.at_local(date(2026, 1, 23), 23, 59))
    assert not bookings.in_window(window, clock.at_local(date(2026, 1, 24), 0))
    assert not bookings.in_window(window, clock.at_local(date(2026, 1, 11), 23, 59))
    # 23:30 UTC on the last day is already the next day in Copenhagen.
    assert not bookings.in_window(window, datetime(2026, 1, 23, 23, 30, tzinfo=UTC))


def test_window_end_over_the_summer_time_change():
    window = _window(date(2026, 3, 23), date(2026, 3, 29))
    assert bookings.in_window(window, clock.at_local(date(2026, 3, 29), 23, 30))
    # 22:30 UTC on 29 March is 00:30 on 30 March in summer time: outside.
    assert not bookings.in_window(window, datetime(2026, 3, 29, 22, 30, tzinfo=UTC))


def test_slots_are_grouped_by_their_danish_day_in_order():
    def at(moment):
        return Slot(starts_at=moment, ends_at=moment + timedelta(minutes=30), forms="telefon")

    late = at(datetime(2026, 1, 13, 23, 30, tzinfo=UTC))  # 00:30 on 14 January in Copenhagen
    morning = at(clock.at_local(date(2026, 1, 14), 9))
    first = at(clock.at_local(date(2026, 1, 12), 10))
    days = bookings.by_day([first, late, morning])
    assert [d.day for d in days] == [date(2026, 1, 12), date(2026, 1, 14)]
    assert days[1].slots == [late, morning]


def test_the_window_as_instants_runs_from_midnight_to_midnight_in_danish_time():
    start, end = bookings.window_bounds(_window(date(2026, 3, 23), date(2026, 3, 29)))
    assert start == datetime(2026, 3, 22, 23, 0, tzinfo=UTC)  # winter time: UTC+1
    assert end == datetime(2026, 3, 29, 22, 0, tzinfo=UTC)  # summer time began that day: UTC+2
    assert time(0, 0) == clock.local(end).time()
