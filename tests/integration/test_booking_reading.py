"""What the citizen and the caseworker see: the open window, free slots, conversations."""

from __future__ import annotations

from datetime import timedelta

import pytest

from portal.models import BookingKind
from portal.services import booking as bookings
from portal.services.errors import NotFound
from tests.factories import booking as make
from tests.factories import people
from tests.factories.booking import NOW, TODAY


def test_free_slots_are_the_caseworkers_future_untaken_slots_in_the_window_nearest_first(
    empty_session,
):
    scene = make.citizen_with_window(empty_session)
    caseworker, citizen, window = scene.caseworker, scene.citizen, scene.window
    other = people.caseworker(empty_session, "Rikke")
    make.slot_on(empty_session, other, TODAY + timedelta(days=4))  # another caseworker's
    make.slot(empty_session, caseworker, NOW - timedelta(hours=1))  # already begun
    make.slot_on(empty_session, caseworker, window.closes_on + timedelta(days=1))  # after
    neighbour = people.citizen(empty_session, "Ida", caseworker=caseworker)
    make.booking(empty_session, neighbour, scene.slots[1])  # taken
    last_minute = make.slot_on(empty_session, caseworker, window.closes_on, 23, 30)

    free = bookings.free_slots(empty_session, citizen, window, NOW)
    assert free == [scene.slots[0], *scene.slots[2:], last_minute]
    assert [s.starts_at for s in free] == sorted(s.starts_at for s in free)
    days = bookings.by_day(free)
    assert [d.day for d in days] == sorted(d.day for d in days)
    assert days[-1].day == window.closes_on and days[-1].slots == [last_minute]
    assert bookings.caseworker_free_slots(empty_session, other.id, NOW) != []


def test_a_citizen_without_a_caseworker_has_no_free_slots(empty_session):
    scene = make.citizen_with_window(empty_session)
    scene.citizen.caseworker_id = None
    assert bookings.free_slots(empty_session, scene.citizen, scene.window, NOW) == []


def test_the_open_window_is_the_newest_that_has_not_closed(empty_session):
    citizen = people.citizen(empty_session)
    assert bookings.open_window(empty_session, citizen.id, TODAY) is None
    older = make.window(empty_session, citizen)
    newer = make.window(empty_session, citizen, closes_on=TODAY + timedelta(days=20))
    newer.created_at = older.created_at + timedelta(hours=1)
    assert bookings.open_window(empty_session, citizen.id, TODAY) == newer
    assert bookings.open_window(empty_session, citizen.id, TODAY + timedelta(days=21)) is None


def test_a_booking_is_found_only_for_its_own_citizen(empty_session):
    scene = make.citizen_with_window(empty_session)
    booked = make.booking(empty_session, scene.citizen, scene.slots[0], window=scene.window)
    stranger = people.citizen(empty_session, "Ida", caseworker=scene.caseworker)
    assert bookings.booking_of(empty_session, scene.citizen.id, booked.id) == booked
    for citizen_id, booking_id in ((stranger.id, booked.id), (scene.citizen.id, None)):
        with pytest.raises(NotFound):
            bookings.booking_of(empty_session, citizen_id, booking_id)


def test_conversations_upcoming_soonest_first_and_past_newest_first(empty_session):
    scene = make.citizen_with_window(empty_session)
    citizen, caseworker = scene.citizen, scene.caseworker
    past = [
        make.slot_on(empty_session, caseworker, TODAY - timedelta(days=d), 10) for d in (30, 10)
    ]
    for slot in past:
        make.booking(empty_session, citizen, slot, kind=BookingKind.SUMMONS)
    upcoming = [make.booking(empty_session, citizen, s) for s in scene.slots[2:0:-1]]
    shown = bookings.conversations(empty_session, citizen.id, NOW)
    assert [b.slot for b in shown.upcoming] == [scene.slots[1], scene.slots[2]]
    assert [b.slot for b in shown.past] == [past[1], past[0]]
    assert len(bookings.booking_history(empty_session, citizen.id).rows) == 4
    assert {b.id for b in upcoming} <= {b.id for b in shown.upcoming}
