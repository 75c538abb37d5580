"""The citizen's changes against the database: book, rebook, cancel, ask to be called.

Each test builds its own caseworker, citizen, window and slots (tests/factories/booking.py) and
passes the fixed `NOW` to the services.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from portal.models import Booking, BookingStatus, CallbackRequest
from portal.services import booking as bookings
from portal.services.errors import DomainError
from tests.factories import booking as make
from tests.factories import people
from tests.factories.booking import NOW


def _book(session, scene, slot, form="telefon", note=None, now=NOW):
    citizen = scene.citizen
    return bookings.book(session, citizen, slot.id, form, note, actor_id=citizen.id, now=now)


def test_book_then_pressing_again_books_once(empty_session):
    scene = make.citizen_with_window(empty_session)
    slot = scene.slots[-1]
    first = _book(empty_session, scene, slot, note=" Jeg tager min bisidder med ")
    again = _book(empty_session, scene, slot)
    assert again.id == first.id
    assert empty_session.query(Booking).count() == 1
    assert first.note == "Jeg tager min bisidder med"
    assert first.topic == scene.window.topic and first.window_id == scene.window.id
    assert first.booked_by_id == scene.citizen.id and first.status == BookingStatus.ACTIVE
    assert slot not in bookings.free_slots(empty_session, scene.citizen, scene.window, NOW)


def test_a_second_slot_in_the_same_window_is_refused(empty_session):
    scene = make.citizen_with_window(empty_session)
    _book(empty_session, scene, scene.slots[-1])
    with pytest.raises(DomainError) as refused:
        _book(empty_session, scene, scene.slots[-2])
    assert refused.value.code == "already_booked"


def test_a_slot_another_citizen_holds_is_taken(empty_session):
    scene = make.citizen_with_window(empty_session)
    other = people.citizen(empty_session, "Ida", caseworker=scene.caseworker)
    make.booking(empty_session, other, scene.slots[0])
    with pytest.raises(bookings.SlotTaken) as taken:
        _book(empty_session, scene, scene.slots[0])
    assert (taken.value.code, taken.value.field) == ("slot_taken", "slot")


@pytest.mark.parametrize(
    ("case", "code", "field"),
    [
        ("unknown", "slot_unknown", "slot"),
        ("no_slot", "slot_required", "slot"),
        ("other_caseworker", "slot_unknown", "slot"),
        ("past", "slot_past", "slot"),
        ("outside", "slot_outside_window", "slot"),
        ("form", "form_not_allowed", "form"),
        ("note", "note_too_long", "note"),
        ("no_form", "form_required", "form"),
    ],
)
def test_bad_choices_are_refused_with_the_field_and_change_nothing(
    empty_session, case, code, field
):
    scene = make.citizen_with_window(empty_session)
    slot_id, form, note = scene.slots[-1].id, "telefon", None
    if case == "unknown":
        slot_id = 987654
    elif case == "no_slot":
        slot_id = None
    elif case == "other_caseworker":
        rikke = people.caseworker(empty_session, "Rikke")
        slot_id = make.slot(empty_session, rikke, scene.slots[-1].starts_at).id
    elif case == "past":
        slot_id = make.slot(empty_session, scene.caseworker, NOW - timedelta(hours=1)).id
    elif case == "outside":
        after = scene.window.closes_on + timedelta(days=1)
        slot_id = make.slot_on(empty_session, scene.caseworker, after, 10).id
    elif case == "form":
        scene.slots[-1].forms = "telefon"
        form = "video"
    elif case == "note":
        note = "x" * (bookings.NOTE_MAX + 1)
    elif case == "no_form":
        form = None
    citizen = scene.citizen
    with pytest.raises(DomainError) as refused:
        bookings.book(empty_session, citizen, slot_id, form, note, actor_id=citizen.id, now=NOW)
    assert (refused.value.code, refused.value.field) == (code, field)
    assert empty_session.query(Booking).count() == 0


def test_without_an_open_window_there_is_nothing_to_book(empty_session):
    caseworker = people.caseworker(empty_session)
    citizen = people.citizen(empty_session, caseworker=caseworker)
    closed = make.window(
        empty_session,
        citizen,
        opens_on=make.TODAY - timedelta(days=14),
        closes_on=make.TODAY - timedelta(days=1),
    )
    slot = make.slot_on(empty_session, caseworker, make.TODAY + timedelta(days=3))
    with pytest.raises(DomainError) as refused:
        bookings.book(empty_session, citizen, slot.id, "telefon", None, actor_id=None, now=NOW)
    assert refused.value.code == "no_window"
    assert bookings.open_window(empty_session, citizen.id, make.TODAY) is None
    assert closed.id is not None


def test_exempted_citizen_cannot_book_or_ask_to_be_called(empty_session):
    scene = make.citizen_with_window(empty_session, first_name="Jens")
    make.exemption(empty_session, scene.citizen)
    assert bookings.is_exempted(empty_session, scene.citizen.id)
    with pytest.raises(DomainError) as refused:
        _book(empty_session, scene, scene.slots[-1])
    assert refused.value.code == "exempted"
    with pytest.raises(DomainError) as no_call:
        bookings.request_callback(empty_session, scene.citizen, actor_id=None, now=NOW)
    assert no_call.value.code == "exempted"


def _rebook(session, scene, old, slot, form="telefon", note=None, now=NOW):
    citizen = scene.citizen
    return bookings.rebook(session, citizen, old, slot.id, form, note, actor_id=citizen.id, now=now)


def test_rebook_frees_the_old_slot_in_the_same_transaction(empty_session):
    scene = make.citizen_with_window(empty_session)
    old = _book(empty_session, scene, scene.slots[-1])
    new = _rebook(empty_session, scene, old, scene.slots[-2], "video", "tolk")
    assert old.status == BookingStatus.REBOOKED and old.replaced_by_id == new.id
    assert new.status == BookingStatus.ACTIVE and new.window_id == scene.window.id
    assert (new.form, new.note, new.topic) == ("video", "tolk", old.topic)
    still_free = bookings.free_slots(empty_session, scene.citizen, scene.window, NOW)
    assert scene.slots[-1] in still_free and scene.slots[-2] not in still_free
    assert bookings.active_in_window(empty_session, scene.citizen.id, scene.window.id) == new


def test_the_same_move_sent_twice_moves_once(empty_session):
    scene = make.citizen_with_window(empty_session)
    old = _book(empty_session, scene, scene.slots[-1])
    new = _rebook(empty_session, scene, old, scene.slots[-2])
    assert _rebook(empty_session, scene, old, scene.slots[-2]) == new
    with pytest.raises(DomainError) as elsewhere:  # the old booking cannot move a second time
        _rebook(empty_session, scene, old, scene.slots[0])
    assert elsewhere.value.code == "not_active"
    assert empty_session.query(Booking).count() == 2


def test_rebook_to_the_same_slot_or_after_the_cutoff_is_refused(empty_session):
    scene = make.citizen_with_window(empty_session)
    old = _book(empty_session, scene, scene.slots[-1])
    with pytest.raises(DomainError) as same:
        _rebook(empty_session, scene, old, scene.slots[-1])
    assert same.value.code == "same_slot"
    at_cutoff = bookings.change_deadline(old)
    with pytest.raises(DomainError) as late:
        _rebook(empty_session, scene, old, scene.slots[0], now=at_cutoff)
    assert late.value.code == "past_cutoff"
    assert old.status == BookingStatus.ACTIVE


def test_cancel_keeps_the_window_open_and_allows_booking_again(empty_session):
    scene = make.citizen_with_window(empty_session)
    first = _book(empty_session, scene, scene.slots[-1])
    bookings.cancel(empty_session, first, " Jeg er syg ", actor_id=scene.citizen.id, now=NOW)
    empty_session.flush()
    assert first.status == BookingStatus.CANCELLED and first.cancel_reason == "Jeg er syg"
    assert first.ended_at == NOW and first.ended_by_id == scene.citizen.id
    assert bookings.open_window(empty_session, scene.citizen.id, make.TODAY) == scene.window
    again = _book(empty_session, scene, scene.slots[-1], form="video")
    assert again.id != first.id
    with pytest.raises(DomainError) as twice:
        bookings.cancel(empty_session, first, None, actor_id=scene.citizen.id, now=NOW)
    assert twice.value.code == "not_active"


def test_cancel_exactly_at_the_cutoff_is_refused(empty_session):
    scene = make.citizen_with_window(empty_session)
    booking = _book(empty_session, scene, scene.slots[-1])
    deadline = bookings.change_deadline(booking)
    with pytest.raises(DomainError) as late:
        bookings.cancel(empty_session, booking, None, actor_id=None, now=deadline)
    assert late.value.code == "past_cutoff"
    just_before = deadline - timedelta(microseconds=1)
    bookings.cancel(empty_session, booking, None, actor_id=None, now=just_before)
    assert booking.status == BookingStatus.CANCELLED


def test_a_too_long_cancel_reason_is_refused_at_its_field(empty_session):
    scene = make.citizen_with_window(empty_session)
    booking = _book(empty_session, scene, scene.slots[-1])
    reason = "x" * (bookings.REASON_MAX + 1)
    with pytest.raises(DomainError) as refused:
        bookings.cancel(empty_session, booking, reason, actor_id=None, now=NOW)
    assert (refused.value.code, refused.value.field) == ("reason_too_long", "reason")
    assert booking.status == BookingStatus.ACTIVE


def test_callback_request_is_made_once_per_window(empty_session):
    scene = make.citizen_with_window(empty_session)
    citizen = scene.citizen
    first = bookings.request_callback(empty_session, citizen, actor_id=citizen.id, now=NOW)
    second = bookings.request_callback(empty_session, citizen, actor_id=citizen.id, now=NOW)
    assert first.id == second.id and first.window_id == scene.window.id
    assert bookings.callback_history(empty_session, citizen.id).rows == [first]


def test_a_callback_request_is_once_per_window_even_when_the_database_decides(empty_session):
    """The unique constraint catches what the Python check cannot see (a simultaneous press)."""
    scene = make.citizen_with_window(empty_session)
    citizen = scene.citizen
    first = bookings.request_callback(empty_session, citizen, actor_id=citizen.id, now=NOW)
    empty_session.commit()
    assert bookings.request_callback(empty_session, citizen, actor_id=None, now=NOW) == first
    with pytest.raises(IntegrityError):
        empty_session.add(
            CallbackRequest(
                citizen_id=citizen.id, window_id=first.window_id, requested_by_id=None, at=NOW
            )
        )
        empty_session.flush()
    empty_session.rollback()


def test_a_move_that_loses_the_race_for_the_slot_leaves_the_old_booking_standing(
    empty_session, monkeypatch
):
    """The other citizen's booking arrives after the checks looked: the database refuses the
    INSERT, and the move is undone inside the transaction (the caller may go on using it)."""
    scene = make.citizen_with_window(empty_session)
    old = _book(empty_session, scene, scene.slots[-1])
    other = people.citizen(empty_session, "Ida", caseworker=scene.caseworker)
    make.booking(empty_session, other, scene.slots[0])
    monkeypatch.setattr("portal.services.booking.citizen.slot_holder", lambda *_: None)
    with pytest.raises(bookings.SlotTaken):
        _rebook(empty_session, scene, old, scene.slots[0])
    assert old.status == BookingStatus.ACTIVE and old.replaced_by_id is None
    assert bookings.active_in_window(empty_session, scene.citizen.id, scene.window.id) == old


def test_the_check_before_confirming_needs_a_form_and_a_short_note(empty_session):
    scene = make.citizen_with_window(empty_session)
    slot_id = scene.slots[-1].id
    long_note = "x" * (bookings.NOTE_MAX + 1)
    for form, note, code in (
        (None, None, "form_required"),
        ("", long_note, "note_too_long"),
        ("telefon", long_note, "note_too_long"),
    ):
        with pytest.raises(DomainError) as refused:
            bookings.check_details(empty_session, scene.citizen, slot_id, form, note, NOW)
        assert refused.value.code == code
    window, slot = bookings.check_details(
        empty_session, scene.citizen, slot_id, "telefon", "  ", NOW
    )
    assert (window, slot.id) == (scene.window, slot_id)
    assert empty_session.query(Booking).count() == 0
