"""Booking rules: the deadline window, the change cut-off, rebooking, exemption and summons.

Rules are checked at exact instants with a fixed "now", including the edges: exactly at the
cut-off, across a change to/from summer time, and the last minutes of the window.
"""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import select

from portal import clock
from portal.models import (
    Booking,
    BookingKind,
    BookingStatus,
    DeadlineWindow,
    Person,
    Slot,
)
from portal.services import booking as bookings
from portal.services.errors import DomainError

# --- Pure rules (no database) -------------------------------------------------------------


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


# --- Against the database -----------------------------------------------------------------


def _person(session, first_name) -> Person:
    return session.scalar(select(Person).where(Person.first_name == first_name))


def _sofie_window(session):
    sofie = _person(session, "Sofie")
    return sofie, bookings.open_window(session, sofie.id, clock.today())


def _far_slot(session, sofie, window):
    """A free slot in Sofie's window well beyond any cut-off."""
    return bookings.free_slots(session, sofie, window, clock.now())[-1]


def test_demo_sofie_has_an_open_window_with_free_slots_nearest_first(session):
    sofie, window = _sofie_window(session)
    assert window is not None
    free = bookings.free_slots(session, sofie, window, clock.now())
    assert free and [s.starts_at for s in free] == sorted(s.starts_at for s in free)
    assert all(bookings.in_window(window, s.starts_at) for s in free)
    assert all(s.caseworker_id == sofie.caseworker_id for s in free)
    days = bookings.by_day(free)
    assert [d.day for d in days] == sorted(d.day for d in days)
    assert all(d.day.weekday() < 5 for d in days)


def test_book_then_pressing_again_books_once(session):
    sofie, window = _sofie_window(session)
    slot = _far_slot(session, sofie, window)
    now = clock.now()
    first = bookings.book(
        session,
        sofie,
        slot.id,
        "telefon",
        " Jeg tager min bisidder med ",
        actor_id=sofie.id,
        now=now,
    )
    again = bookings.book(session, sofie, slot.id, "telefon", None, actor_id=sofie.id, now=now)
    assert again.id == first.id
    assert first.note == "Jeg tager min bisidder med"
    assert first.topic == window.topic and first.window_id == window.id
    assert slot not in bookings.free_slots(session, sofie, window, now)


def test_a_second_slot_in_the_same_window_is_refused(session):
    sofie, window = _sofie_window(session)
    free = bookings.free_slots(session, sofie, window, clock.now())
    bookings.book(session, sofie, free[-1].id, "telefon", None, actor_id=sofie.id, now=clock.now())
    with pytest.raises(DomainError) as refused:
        bookings.book(
            session, sofie, free[-2].id, "telefon", None, actor_id=sofie.id, now=clock.now()
        )
    assert refused.value.code == "already_booked"


@pytest.mark.parametrize(
    ("case", "code", "field"),
    [
        ("unknown", "slot_unknown", "slot"),
        ("other_caseworker", "slot_unknown", "slot"),
        ("past", "slot_past", "slot"),
        ("outside", "slot_outside_window", "slot"),
        ("form", "form_not_allowed", "form"),
        ("note", "note_too_long", "note"),
        ("no_form", "form_required", "form"),
    ],
)
def test_bad_choices_are_refused_with_the_field_and_change_nothing(session, case, code, field):
    sofie, window = _sofie_window(session)
    now = clock.now()
    slot_id, form, note = _far_slot(session, sofie, window).id, "telefon", None
    if case == "unknown":
        slot_id = 987654
    elif case == "other_caseworker":
        rikke = _person(session, "Rikke")
        slot_id = bookings.caseworker_free_slots(session, rikke.id, now)[-1].id
    elif case == "past":
        past = Slot(
            caseworker_id=sofie.caseworker_id,
            starts_at=now - timedelta(hours=1),
            ends_at=now - timedelta(minutes=30),
            forms="telefon",
            created_at=now,
        )
        session.add(past)
        session.flush()
        slot_id = past.id
    elif case == "outside":
        late = clock.at_local(window.closes_on + timedelta(days=1), 10)
        outside = Slot(
            caseworker_id=sofie.caseworker_id,
            starts_at=late,
            ends_at=late + timedelta(minutes=30),
            forms="telefon",
            created_at=now,
        )
        session.add(outside)
        session.flush()
        slot_id = outside.id
    elif case == "form":
        slot = session.get(Slot, slot_id)
        slot.forms = "telefon"
        form = "video"
    elif case == "note":
        note = "x" * (bookings.NOTE_MAX + 1)
    elif case == "no_form":
        form = None
    before = session.query(Booking).count()
    with pytest.raises(DomainError) as refused:
        bookings.book(session, sofie, slot_id, form, note, actor_id=sofie.id, now=now)
    assert (refused.value.code, refused.value.field) == (code, field)
    assert session.query(Booking).count() == before


def test_exempted_citizen_cannot_book_or_ask_to_be_called(session):
    jens = _person(session, "Jens")
    assert bookings.is_exempted(session, jens.id)
    with pytest.raises(DomainError) as refused:
        bookings.book(session, jens, 1, "telefon", None, actor_id=jens.id, now=clock.now())
    assert refused.value.code == "exempted"
    with pytest.raises(DomainError):
        bookings.request_callback(session, jens, actor_id=jens.id, now=clock.now())


def test_rebook_frees_the_old_slot_in_the_same_transaction(session):
    sofie, window = _sofie_window(session)
    free = bookings.free_slots(session, sofie, window, clock.now())
    old = bookings.book(
        session, sofie, free[-1].id, "telefon", None, actor_id=sofie.id, now=clock.now()
    )
    new = bookings.rebook(
        session, sofie, old, free[-2].id, "video", "tolk", actor_id=sofie.id, now=clock.now()
    )
    assert old.status == BookingStatus.REBOOKED and old.replaced_by_id == new.id
    assert new.status == BookingStatus.ACTIVE and new.window_id == window.id
    still_free = bookings.free_slots(session, sofie, window, clock.now())
    assert free[-1] in still_free and free[-2] not in still_free
    assert bookings.active_in_window(session, sofie.id, window.id).id == new.id


def test_rebook_to_the_same_slot_or_after_the_cutoff_is_refused(session):
    sofie, window = _sofie_window(session)
    free = bookings.free_slots(session, sofie, window, clock.now())
    old = bookings.book(
        session, sofie, free[-1].id, "telefon", None, actor_id=sofie.id, now=clock.now()
    )
    with pytest.raises(DomainError) as same:
        bookings.rebook(
            session, sofie, old, free[-1].id, "telefon", None, actor_id=sofie.id, now=clock.now()
        )
    assert same.value.code == "same_slot"
    at_cutoff = bookings.change_deadline(old)
    with pytest.raises(DomainError) as late:
        bookings.rebook(
            session, sofie, old, free[0].id, "telefon", None, actor_id=sofie.id, now=at_cutoff
        )
    assert late.value.code == "past_cutoff"
    assert old.status == BookingStatus.ACTIVE


def test_cancel_keeps_the_window_open_and_allows_booking_again(session):
    sofie, window = _sofie_window(session)
    free = bookings.free_slots(session, sofie, window, clock.now())
    first = bookings.book(
        session, sofie, free[-1].id, "telefon", None, actor_id=sofie.id, now=clock.now()
    )
    bookings.cancel(session, first, "Jeg er syg", actor_id=sofie.id, now=clock.now())
    session.flush()
    assert first.status == BookingStatus.CANCELLED and first.cancel_reason == "Jeg er syg"
    assert bookings.open_window(session, sofie.id, clock.today()).id == window.id
    again = bookings.book(
        session, sofie, free[-1].id, "video", None, actor_id=sofie.id, now=clock.now()
    )
    assert again.id != first.id
    with pytest.raises(DomainError) as twice:
        bookings.cancel(session, first, None, actor_id=sofie.id, now=clock.now())
    assert twice.value.code == "not_active"


def test_cancel_exactly_at_the_cutoff_is_refused(session):
    sofie, window = _sofie_window(session)
    booking = bookings.book(
        session,
        sofie,
        _far_slot(session, sofie, window).id,
        "telefon",
        None,
        actor_id=sofie.id,
        now=clock.now(),
    )
    with pytest.raises(DomainError) as late:
        bookings.cancel(
            session, booking, None, actor_id=sofie.id, now=bookings.change_deadline(booking)
        )
    assert late.value.code == "past_cutoff"
    bookings.cancel(
        session,
        booking,
        None,
        actor_id=sofie.id,
        now=bookings.change_deadline(booking) - timedelta(microseconds=1),
    )
    assert booking.status == BookingStatus.CANCELLED


def test_callback_request_is_made_once_per_window(session):
    sofie, window = _sofie_window(session)
    first = bookings.request_callback(session, sofie, actor_id=sofie.id, now=clock.now())
    second = bookings.request_callback(session, sofie, actor_id=sofie.id, now=clock.now())
    assert first.id == second.id and first.window_id == window.id


def test_exemption_and_summons(session):
    sofie = _person(session, "Sofie")
    anders = _person(session, "Anders")
    slot = bookings.caseworker_free_slots(session, anders.id, clock.now())[-1]
    with pytest.raises(DomainError) as not_exempted:
        bookings.summon(
            session, sofie, slot.id, "telefon", "Opfølgning", actor_id=anders.id, now=clock.now()
        )
    assert not_exempted.value.code == "not_exempted"
    with pytest.raises(DomainError) as no_reason:
        bookings.set_exemption(session, sofie.id, True, "  ", actor_id=anders.id, now=clock.now())
    assert no_reason.value.field == "reason"
    bookings.set_exemption(session, sofie.id, True, "Syg", actor_id=anders.id, now=clock.now())
    assert bookings.is_exempted(session, sofie.id)
    with pytest.raises(DomainError) as unchanged:
        bookings.set_exemption(session, sofie.id, True, "Igen", actor_id=anders.id, now=clock.now())
    assert unchanged.value.code == "exemption_unchanged"
    summons = bookings.summon(
        session, sofie, slot.id, "telefon", "Opfølgning", actor_id=anders.id, now=clock.now()
    )
    assert summons.kind == BookingKind.SUMMONS and summons.booked_by_id == anders.id
    assert not bookings.can_change(summons, clock.now())
    rikke = _person(session, "Rikke")
    rikkes = bookings.caseworker_free_slots(session, rikke.id, clock.now())[0]
    with pytest.raises(DomainError) as foreign:
        bookings.summon(
            session, sofie, rikkes.id, "telefon", "x", actor_id=anders.id, now=clock.now()
        )
    assert foreign.value.code == "slot_unknown"


def test_open_deadline_validates_dates_and_topic(session):
    sofie = _person(session, "Sofie")
    today = clock.today()
    kwargs = dict(topic="Opfølgning", cutoff_hours=24, actor_id=None, now=clock.now())
    with pytest.raises(DomainError) as backwards:
        bookings.open_deadline(
            session, sofie.id, opens_on=today + timedelta(days=5), closes_on=today, **kwargs
        )
    assert backwards.value.field == "closes_on"
    with pytest.raises(DomainError) as past:
        bookings.open_deadline(
            session,
            sofie.id,
            opens_on=today - timedelta(days=9),
            closes_on=today - timedelta(days=1),
            **kwargs,
        )
    assert past.value.code == "closes_in_past"
    window = bookings.open_deadline(
        session, sofie.id, opens_on=today, closes_on=today + timedelta(days=20), **kwargs
    )
    assert bookings.open_window(session, sofie.id, today).id == window.id


def test_publish_slots_in_bulk_skips_existing_times_and_weekends(session):
    anders = _person(session, "Anders")
    start = clock.today() + timedelta(days=30)
    plan = bookings.SlotPlan(
        first_day=start,
        last_day=start + timedelta(days=13),
        weekdays=[1, 3],  # Tuesdays and Thursdays
        start=time(9, 0),
        end=time(12, 0),
        minutes=30,
        forms=["fremmoede", "telefon", "video"],
        place="Jobcentret, Torvet 1",
    )
    made = bookings.publish_slots(session, anders.id, plan, now=clock.now())
    assert len(made) == 4 * 6
    assert {clock.local(s.starts_at).weekday() for s in made} == {1, 3}
    assert {clock.local(s.starts_at).strftime("%H:%M") for s in made} == {
        "09:00",
        "09:30",
        "10:00",
        "10:30",
        "11:00",
        "11:30",
    }
    with pytest.raises(DomainError) as again:
        bookings.publish_slots(session, anders.id, plan, now=clock.now())
    assert again.value.code == "no_slots_created"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (dict(weekdays=[]), "weekdays"),
        (dict(end=time(8, 0)), "end"),
        (dict(minutes=7), "minutes"),
        (dict(forms=[]), "forms"),
        (dict(place=""), "place"),
        (dict(first_day=None), "first_day"),
    ],
)
def test_publish_slots_refuses_bad_plans(session, change, field):
    anders = _person(session, "Anders")
    start = clock.today() + timedelta(days=30)
    values = dict(
        first_day=start,
        last_day=start + timedelta(days=6),
        weekdays=[0],
        start=time(9, 0),
        end=time(10, 0),
        minutes=30,
        forms=["fremmoede"],
        place="Torvet 1",
    )
    values.update(change)
    with pytest.raises(DomainError) as refused:
        bookings.publish_slots(session, anders.id, bookings.SlotPlan(**values), now=clock.now())
    assert refused.value.field == field


def test_a_callback_request_is_once_per_window_even_when_the_database_decides(session, demo_data):
    """The unique constraint catches what the Python check cannot see (a simultaneous press)."""
    import pytest
    from sqlalchemy.exc import IntegrityError

    from portal import clock
    from portal.models import CallbackRequest, Person
    from portal.services import booking as service

    sofie = session.get(Person, demo_data["Sofie"])
    first = service.request_callback(session, sofie, actor_id=sofie.id, now=clock.now())
    session.commit()
    assert service.request_callback(session, sofie, actor_id=sofie.id, now=clock.now()) == first
    with pytest.raises(IntegrityError):
        session.add(
            CallbackRequest(
                citizen_id=sofie.id, window_id=first.window_id, requested_by_id=None, at=clock.now()
            )
        )
        session.flush()
    session.rollback()
