""" "Jeg kan ikke booke selv" against the database: one request per window, the caseworker's
one-step answer (exempt and summon, or book for them), and what is refused."""

from __future__ import annotations

import pytest

from portal.models import BookingHelpRequest, BookingKind
from portal.services import booking as bookings
from portal.services import worklist
from portal.services.errors import DomainError
from tests.factories import booking as make
from tests.factories.booking import NOW


def _ask(session, scene, reason="no_computer", note=" Min søn plejer at hjælpe "):
    return bookings.ask_for_help(
        session, scene.citizen, reason, note, actor_id=scene.citizen.id, now=NOW
    )


def _answer(session, scene, request, how, slot=None):
    return bookings.answer_help(
        session,
        scene.citizen,
        request.id,
        how,
        slot_id=(slot or scene.slots[0]).id,
        form="telefon",
        topic="Opfølgning",
        exemption_reason=lambda code: f"Hjælp: {code}",
        actor_id=scene.caseworker.id,
        now=NOW,
    )


def test_asking_twice_in_a_window_keeps_the_first_request(empty_session):
    scene = make.citizen_with_window(empty_session)
    first = _ask(empty_session, scene)
    assert (first.reason, first.note, first.window_id) == (
        "no_computer",
        "Min søn plejer at hjælpe",
        scene.window.id,
    )
    assert _ask(empty_session, scene, reason="illness").id == first.id
    assert empty_session.query(BookingHelpRequest).count() == 1
    items = worklist.waiting(empty_session, scene.caseworker.id, NOW)
    assert [(i.kind, i.day) for i in items if i.kind == "booking_help"] == [
        ("booking_help", "no_computer")
    ]


@pytest.mark.parametrize(
    ("reason", "note", "code"),
    [(None, None, "help_reason_required"), ("fordi", None, "help_reason_required")],
)
def test_a_request_needs_a_known_reason(empty_session, reason, note, code):
    scene = make.citizen_with_window(empty_session)
    with pytest.raises(DomainError) as refused:
        _ask(empty_session, scene, reason=reason, note=note)
    assert refused.value.code == code


def test_exempt_and_summon_in_one_step(empty_session):
    scene = make.citizen_with_window(empty_session)
    request = _ask(empty_session, scene)
    booking = _answer(empty_session, scene, request, bookings.SUMMON)
    assert booking.kind == BookingKind.SUMMONS and booking.slot_id == scene.slots[0].id
    assert bookings.is_exempted(empty_session, scene.citizen.id)
    assert bookings.latest_exemption(empty_session, scene.citizen.id).reason == "Hjælp: no_computer"
    assert (request.answer, request.booking_id) == ("summon", booking.id)
    assert worklist.waiting(empty_session, scene.caseworker.id, NOW) == []
    with pytest.raises(DomainError) as again:
        _answer(empty_session, scene, request, bookings.SUMMON, scene.slots[1])
    assert again.value.code == "help_already_answered"


def test_book_for_them_without_exempting(empty_session):
    scene = make.citizen_with_window(empty_session)
    request = _ask(empty_session, scene)
    booking = _answer(empty_session, scene, request, bookings.BOOK)
    assert booking.kind == BookingKind.SELF and booking.window_id == scene.window.id
    assert booking.booked_by_id == scene.caseworker.id
    assert not bookings.is_exempted(empty_session, scene.citizen.id)
    assert request.answer == "book"


def test_an_answer_must_say_how_and_a_request_of_someone_else_is_not_found(empty_session):
    scene = make.citizen_with_window(empty_session)
    request = _ask(empty_session, scene)
    with pytest.raises(DomainError) as no_choice:
        _answer(empty_session, scene, request, None)
    assert no_choice.value.code == "help_answer_required"
    other = make.citizen_with_window(empty_session, first_name="Lærke")
    with pytest.raises(DomainError) as not_theirs:
        _answer(empty_session, other, request, bookings.BOOK)
    assert not_theirs.value.code == "not_found:help_request"
    assert request.answered_at is None
