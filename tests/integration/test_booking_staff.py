"""The caseworker's changes against the database: deadline windows, exemption, summons, slots."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from portal import clock
from portal.models import BookingKind, DeadlineWindow, Slot
from portal.services import booking as bookings
from portal.services.errors import DomainError
from tests.factories import booking as make
from tests.factories import people
from tests.factories.booking import NOW, TODAY


def _open(session, citizen, **changes):
    values = dict(
        opens_on=TODAY,
        closes_on=TODAY + timedelta(days=20),
        topic="Opfølgning",
        cutoff_hours=24,
        actor_id=citizen.caseworker_id,
        now=NOW,
    )
    values.update(changes)
    return bookings.open_deadline(session, citizen.id, **values)


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        (dict(opens_on=None), "date_required", "opens_on"),
        (dict(closes_on=None), "date_required", "closes_on"),
        (
            dict(opens_on=TODAY + timedelta(days=5), closes_on=TODAY),
            "closes_before_opening",
            "closes_on",
        ),
        (
            dict(opens_on=TODAY - timedelta(days=9), closes_on=TODAY - timedelta(days=1)),
            "closes_in_past",
            "closes_on",
        ),
        (dict(topic="  "), "topic_length", "topic"),
        (dict(topic="x" * (bookings.TOPIC_MAX + 1)), "topic_length", "topic"),
        (dict(cutoff_hours=-1), "cutoff_range", "cutoff_hours"),
        (dict(cutoff_hours=bookings.MAX_CUTOFF_HOURS + 1), "cutoff_range", "cutoff_hours"),
    ],
)
def test_open_deadline_validates_dates_topic_and_cutoff(empty_session, change, code, field):
    citizen = people.citizen(empty_session)
    with pytest.raises(DomainError) as refused:
        _open(empty_session, citizen, **change)
    assert (refused.value.code, refused.value.field) == (code, field)
    assert empty_session.query(DeadlineWindow).count() == 0


def test_open_deadline_opens_the_window_the_citizen_books_in(empty_session):
    citizen = people.citizen(empty_session)
    window = _open(empty_session, citizen, topic=" Opfølgning ", cutoff_hours=48)
    assert bookings.open_window(empty_session, citizen.id, TODAY) == window
    assert (window.topic, window.change_cutoff_hours) == ("Opfølgning", 48)
    assert window.opened_by_id == citizen.caseworker_id


def test_opening_the_same_window_again_returns_it_and_adds_nothing(empty_session):
    citizen = people.citizen(empty_session)
    first = _open(empty_session, citizen)
    assert _open(empty_session, citizen, topic="Opfølgning ") == first
    assert empty_session.query(DeadlineWindow).count() == 1
    other = _open(empty_session, citizen, topic="Afklaring")
    assert other != first  # a different window (here: topic) is a new one, and the open one
    assert bookings.open_window(empty_session, citizen.id, TODAY) == other
    assert _open(empty_session, citizen) not in (first, other)  # no longer the open one
    assert empty_session.query(DeadlineWindow).count() == 3


def test_exemption_needs_a_reason_and_a_change(empty_session):
    citizen = people.citizen(empty_session)
    actor = citizen.caseworker_id
    for reason, code in (("  ", "reason_required"), ("x" * 501, "reason_too_long")):
        with pytest.raises(DomainError) as refused:
            bookings.set_exemption(empty_session, citizen.id, True, reason, actor_id=actor, now=NOW)
        assert (refused.value.code, refused.value.field) == (code, "reason")
    for tampered in (None, "1"):  # neither of the two buttons
        with pytest.raises(DomainError) as odd:
            bookings.set_exemption(
                empty_session, citizen.id, tampered, "x", actor_id=actor, now=NOW
            )
        assert odd.value.code == "exemption_unchanged"
    with pytest.raises(DomainError) as not_yet:
        bookings.set_exemption(empty_session, citizen.id, False, "x", actor_id=actor, now=NOW)
    assert not_yet.value.code == "exemption_unchanged"
    row = bookings.set_exemption(empty_session, citizen.id, True, " Syg ", actor_id=actor, now=NOW)
    assert bookings.is_exempted(empty_session, citizen.id) and row.reason == "Syg"
    with pytest.raises(DomainError) as unchanged:
        bookings.set_exemption(empty_session, citizen.id, True, "Igen", actor_id=actor, now=NOW)
    assert unchanged.value.code == "exemption_unchanged"
    later = NOW + timedelta(minutes=1)
    bookings.set_exemption(empty_session, citizen.id, False, "Rask", actor_id=actor, now=later)
    assert not bookings.is_exempted(empty_session, citizen.id)
    assert bookings.latest_exemption(empty_session, citizen.id).reason == "Rask"


def _summon(session, scene, slot_id, form="telefon", topic="Opfølgning", actor=None):
    actor_id = (actor or scene.caseworker).id
    return bookings.summon(session, scene.citizen, slot_id, form, topic, actor_id=actor_id, now=NOW)


def test_only_an_exempted_citizen_is_summoned_into_the_caseworkers_own_slot(empty_session):
    scene = make.citizen_with_window(empty_session)
    slot = scene.slots[-1]
    with pytest.raises(DomainError) as not_exempted:
        _summon(empty_session, scene, slot.id)
    assert not_exempted.value.code == "not_exempted"
    make.exemption(empty_session, scene.citizen)
    rikke = people.caseworker(empty_session, "Rikke")
    rikkes = make.slot_on(empty_session, rikke, TODAY + timedelta(days=4))
    for slot_id in (rikkes.id, None):
        with pytest.raises(DomainError) as foreign:
            _summon(empty_session, scene, slot_id)
        assert (foreign.value.code, foreign.value.field) == ("slot_unknown", "slot")
    summons = _summon(empty_session, scene, slot.id)
    assert summons.kind == BookingKind.SUMMONS and summons.booked_by_id == scene.caseworker.id
    assert summons.window_id == scene.window.id and summons.topic == "Opfølgning"
    assert not bookings.can_change(summons, NOW)
    with pytest.raises(DomainError) as twice:  # one conversation per window
        _summon(empty_session, scene, scene.slots[0].id)
    assert twice.value.code == "already_booked"


@pytest.mark.parametrize(
    ("case", "code", "field"),
    [
        ("past", "slot_past", "slot"),
        ("form", "form_not_allowed", "form"),
        ("topic", "topic_length", "topic"),
    ],
)
def test_a_bad_summons_is_refused_at_its_field(empty_session, case, code, field):
    scene = make.citizen_with_window(empty_session)
    make.exemption(empty_session, scene.citizen)
    slot_id, form, topic = scene.slots[-1].id, "telefon", "Opfølgning"
    if case == "past":
        slot_id = make.slot(empty_session, scene.caseworker, NOW - timedelta(minutes=5)).id
    elif case == "form":
        form = "brevdue"
    elif case == "topic":
        topic = " "
    with pytest.raises(DomainError) as refused:
        _summon(empty_session, scene, slot_id, form, topic)
    assert (refused.value.code, refused.value.field) == (code, field)


def test_a_summons_outside_the_window_leaves_the_window_free(empty_session):
    scene = make.citizen_with_window(empty_session)
    make.exemption(empty_session, scene.citizen)
    later = make.slot_on(empty_session, scene.caseworker, scene.window.closes_on + timedelta(3))
    summons = _summon(empty_session, scene, later.id)
    assert summons.window_id is None
    assert _summon(empty_session, scene, scene.slots[0].id).window_id == scene.window.id


def _plan(**changes):
    start = TODAY + timedelta(days=30)
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
    values.update(changes)
    return bookings.SlotPlan(**values)


def test_publish_slots_in_bulk_skips_existing_times_and_other_weekdays(empty_session):
    anders = people.caseworker(empty_session, "Anders")
    start = TODAY + timedelta(days=30)
    plan = _plan(
        last_day=start + timedelta(days=13),
        weekdays=[1, 3],  # Tuesdays and Thursdays
        end=time(12, 0),
        forms=["video", "fremmoede", "telefon"],
        place=" Jobcentret, Torvet 1 ",
    )
    made = bookings.publish_slots(empty_session, anders.id, plan, now=NOW)
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
    assert all(s.ends_at - s.starts_at == timedelta(minutes=30) for s in made)
    assert {(s.forms, s.place) for s in made} == {
        ("fremmoede,telefon,video", "Jobcentret, Torvet 1")
    }
    with pytest.raises(DomainError) as again:
        bookings.publish_slots(empty_session, anders.id, plan, now=NOW)
    assert again.value.code == "no_slots_created"
    assert empty_session.query(Slot).count() == 24


def test_publishing_skips_times_that_have_passed(empty_session):
    anders = people.caseworker(empty_session, "Anders")
    plan = _plan(first_day=TODAY, last_day=TODAY, end=time(14, 0), minutes=60)  # NOW is 12:00
    made = bookings.publish_slots(empty_session, anders.id, plan, now=NOW)
    assert [clock.local(s.starts_at).hour for s in made] == [13]


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        (dict(weekdays=[]), "weekdays_required", "weekdays"),
        (dict(weekdays=[7]), "weekdays_required", "weekdays"),
        (dict(end=time(8, 0)), "end_before_start", "end"),
        (dict(start=None), "time_required", "start"),
        (dict(minutes=7), "length_invalid", "minutes"),
        (dict(forms=[]), "forms_required", "forms"),
        (dict(forms=["brevdue"]), "forms_required", "forms"),
        (dict(place=""), "place_required", "place"),
        (dict(place="x" * 201), "place_too_long", "place"),
        (dict(first_day=None), "date_required", "first_day"),
        (dict(last_day=TODAY), "closes_before_opening", "last_day"),
        (dict(last_day=TODAY + timedelta(days=130)), "period_too_long", "last_day"),
    ],
)
def test_publish_slots_refuses_bad_plans(empty_session, change, code, field):
    anders = people.caseworker(empty_session, "Anders")
    with pytest.raises(DomainError) as refused:
        bookings.publish_slots(empty_session, anders.id, _plan(**change), now=NOW)
    assert (refused.value.code, refused.value.field) == (code, field)
    assert empty_session.query(Slot).count() == 0


def test_publishing_too_many_slots_at_once_is_refused(empty_session):
    anders = people.caseworker(empty_session, "Anders")
    plan = _plan(
        last_day=TODAY + timedelta(days=30 + 90),
        weekdays=[0, 1, 2, 3, 4],
        start=time(8, 0),
        end=time(16, 0),
        minutes=15,
    )
    with pytest.raises(DomainError) as refused:
        bookings.publish_slots(empty_session, anders.id, plan, now=NOW)
    assert refused.value.code == "too_many_slots"


def _christmas_plan(**changes):
    return _plan(
        first_day=date(2030, 12, 23),
        last_day=date(2031, 1, 2),
        weekdays=[0, 1, 2, 3, 4],
        end=time(10, 0),
        minutes=60,
        **changes,
    )


def test_publishing_over_christmas_leaves_out_holidays_24_and_31_december(empty_session):
    anders = people.caseworker(empty_session, "Anders")
    made = bookings.publish_slots(empty_session, anders.id, _christmas_plan(), now=NOW)
    assert [clock.local(s.starts_at).date() for s in made] == [
        date(2030, 12, 23),
        date(2030, 12, 27),
        date(2030, 12, 30),
        date(2031, 1, 2),
    ]


def test_publishing_on_holidays_when_the_caseworker_asks(empty_session):
    anders = people.caseworker(empty_session, "Anders")
    plan = _christmas_plan(include_holidays=True)
    made = bookings.publish_slots(empty_session, anders.id, plan, now=NOW)
    assert len(made) == 9  # every weekday from 23 December to 2 January
    assert date(2030, 12, 24) in {clock.local(s.starts_at).date() for s in made}


def test_publishing_only_on_grundlovsdag_makes_nothing(empty_session):
    anders = people.caseworker(empty_session, "Anders")
    plan = _plan(first_day=date(2030, 6, 5), last_day=date(2030, 6, 5), weekdays=[2])
    with pytest.raises(DomainError) as refused:
        bookings.publish_slots(empty_session, anders.id, plan, now=NOW)
    assert refused.value.code == "no_slots_created"


def test_a_window_with_only_holidays_and_weekend_is_refused(empty_session):
    citizen = people.citizen(empty_session, "Hanne")
    with pytest.raises(DomainError) as refused:
        _open(empty_session, citizen, opens_on=date(2030, 12, 24), closes_on=date(2030, 12, 26))
    assert (refused.value.code, refused.value.field) == ("no_working_day", "closes_on")
    assert empty_session.query(DeadlineWindow).count() == 0


def test_a_window_counts_its_working_days_left():
    window = DeadlineWindow(opens_on=date(2030, 12, 20), closes_on=date(2031, 1, 3))
    assert bookings.working_days_in(window) == 6  # 20, 23, 27, 30 December, 2 and 3 January
    assert bookings.working_days_in(window, date(2030, 12, 28)) == 3  # 30 Dec, 2 and 3 Jan
