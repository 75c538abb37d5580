"""The tasks service: each kind of task, none, several (nearest first), past deadlines, a
delegate's scope, the coming events, and a fixed number of statements whatever the data size."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import event

from portal import clock
from portal.models import Mode, OutcomeKind, OutcomeReceipt, RequestStatus, Source
from portal.services import tasks
from portal.services.meeting import save_answer, send_preparation
from tests.factories import booking as book
from tests.factories import delegation, meeting, outcomes, people, plan
from tests.factories.booking import NOW, TODAY

WEEK = timedelta(days=7)


@pytest.fixture
def hanne(empty_session):
    return people.citizen(empty_session, "Hanne")


def kinds(result: tasks.Overview) -> list[str]:
    return [t.kind.value for t in result.tasks]


def test_no_tasks_and_nothing_coming(empty_session, hanne):
    result = tasks.overview(empty_session, hanne.id, NOW)
    assert result == tasks.Overview(tasks=[], coming=[], more_coming=False)


def test_an_open_window_with_nothing_booked_is_a_task_until_something_is_booked(
    empty_session, hanne
):
    window = book.window(empty_session, hanne, opens_on=TODAY + timedelta(days=1))
    [task] = tasks.overview(empty_session, hanne.id, NOW).tasks
    assert (task.kind, task.due, task.opens_on) == ("book", window.closes_on, window.opens_on)
    assert (task.endpoint, task.needs, task.subject) == (
        "booking.choose",
        "booking.change",
        "Opfølgningssamtale",
    )
    caseworker = empty_session.get(type(hanne), hanne.caseworker_id)
    slot = book.slot_on(empty_session, caseworker, TODAY + timedelta(days=3))
    book.booking(empty_session, hanne, slot, window=window)
    result = tasks.overview(empty_session, hanne.id, NOW)
    assert result.tasks == []
    assert [e.kind for e in result.coming] == ["conversation"]


def test_an_exempted_citizen_or_a_closed_window_has_no_booking_task(empty_session, hanne):
    book.window(empty_session, hanne, opens_on=TODAY - WEEK, closes_on=TODAY - timedelta(days=1))
    assert tasks.overview(empty_session, hanne.id, NOW).tasks == []
    book.window(empty_session, hanne)
    assert kinds(tasks.overview(empty_session, hanne.id, NOW)) == ["book"]
    book.exemption(empty_session, hanne)
    assert tasks.overview(empty_session, hanne.id, NOW).tasks == []


@pytest.mark.parametrize(
    ("records", "task_expected"),
    [
        ([], True),
        ([(Mode.IN_PERSON, Source.CHOICE, None)], False),
        (
            [(Mode.VIRTUAL, Source.CHOICE, None), (Mode.IN_PERSON, Source.CONSENT_WITHDRAWN, None)],
            True,
        ),
        ([(Mode.WITHOUT, Source.CHOICE, RequestStatus.PENDING)], False),
        ([(Mode.WITHOUT, Source.ASSESSMENT, RequestStatus.DECLINED)], True),
        ([(Mode.WITHOUT, Source.ASSESSMENT, RequestStatus.ACCEPTED)], False),
    ],
)
def test_choosing_how_to_take_part_is_a_task_while_no_own_choice_stands(
    empty_session, hanne, records, task_expected
):
    planned = meeting.meeting(empty_session, hanne)
    save_answer(empty_session, planned, "situation", "x", at=NOW - WEEK)
    send_preparation(empty_session, planned, at=NOW - WEEK)
    for mode, source, status in records:
        meeting.participation(
            empty_session, planned, mode, at=NOW - WEEK, source=source, status=status
        )
    result = tasks.overview(empty_session, hanne.id, NOW)
    assert kinds(result) == (["participation"] if task_expected else [])
    if task_expected:
        assert result.tasks[0].due == clock.local(planned.change_deadline).date()
        assert result.tasks[0].due_at == planned.change_deadline


def test_after_the_change_deadline_choosing_is_no_longer_a_task(empty_session, hanne):
    planned = meeting.meeting(empty_session, hanne)
    at_deadline = planned.change_deadline
    assert "participation" in kinds(
        tasks.overview(empty_session, hanne.id, at_deadline - timedelta(minutes=1))
    )
    assert "participation" not in kinds(tasks.overview(empty_session, hanne.id, at_deadline))


def test_the_preparation_is_a_task_until_sent_and_again_when_changed_after(empty_session, hanne):
    planned = meeting.meeting(empty_session, hanne)
    meeting.participation(empty_session, planned, at=NOW - WEEK)
    [task] = tasks.overview(empty_session, hanne.id, NOW).tasks
    assert (task.kind, task.sentence, task.endpoint, task.args) == (
        "preparation",
        "preparation",
        "meeting.prepare",
        {"section": "situation"},
    )
    assert task.due == clock.local(planned.starts_at).date()
    save_answer(empty_session, planned, "situation", "Jeg er træt", at=NOW - WEEK)
    assert tasks.overview(empty_session, hanne.id, NOW).tasks[0].endpoint == "meeting.check"
    send_preparation(empty_session, planned, at=NOW - WEEK + timedelta(hours=1))
    assert tasks.overview(empty_session, hanne.id, NOW).tasks == []
    save_answer(empty_session, planned, "goal", "Arbejde", at=NOW - timedelta(hours=1))
    assert tasks.overview(empty_session, hanne.id, NOW).tasks[0].sentence == "preparation_changed"
    assert tasks.overview(empty_session, hanne.id, planned.starts_at).tasks == []


def test_an_unread_decision_is_a_task_with_its_appeal_deadline_even_when_it_has_passed(
    empty_session, hanne
):
    caseworker = people.caseworker(empty_session, "Rikke")
    recent = outcomes.outcome(
        empty_session, hanne, caseworker, published=True, decision_date=TODAY - WEEK
    )
    old = outcomes.outcome(
        empty_session, hanne, caseworker, published=True, decision_date=TODAY - 6 * WEEK
    )
    recommendation = outcomes.outcome(
        empty_session, hanne, caseworker, OutcomeKind.RECOMMENDATION, published=True
    )
    outcomes.outcome(empty_session, hanne, caseworker)  # a draft: not for the citizen
    result = tasks.overview(empty_session, hanne.id, NOW)
    by_outcome = {t.args["outcome_id"]: t for t in result.tasks}
    assert set(by_outcome) == {recent.id, old.id, recommendation.id}
    assert (by_outcome[recent.id].due, by_outcome[recent.id].overdue) == (TODAY + 3 * WEEK, False)
    assert (by_outcome[old.id].due, by_outcome[old.id].overdue) == (TODAY - 2 * WEEK, True)
    assert by_outcome[recommendation.id].due is None
    assert by_outcome[recommendation.id].sentence == "read_recommendation"
    # Nearest first, tasks without a date last.
    assert [t.args["outcome_id"] for t in result.tasks] == [old.id, recent.id, recommendation.id]
    version = recent.versions[0]
    empty_session.add(OutcomeReceipt(version_id=version.id, reader_id=hanne.id, read_at=NOW))
    empty_session.flush()
    remaining = tasks.overview(empty_session, hanne.id, NOW).tasks
    assert recent.id not in {t.args["outcome_id"] for t in remaining}


def test_a_fuldmagt_that_ends_within_a_month_is_a_task(empty_session, hanne):
    mads, birgit = people.relative(empty_session, "Mads"), people.relative(empty_session, "Birgit")
    ending = delegation.fuldmagt(
        empty_session, hanne, mads, today=TODAY, ends_on=TODAY + timedelta(days=20), now=NOW
    )
    delegation.fuldmagt(empty_session, hanne, birgit, today=TODAY, now=NOW)  # 90 days
    [task] = tasks.overview(empty_session, hanne.id, NOW).tasks
    assert (task.kind, task.due, task.subject, task.args) == (
        "fuldmagt",
        TODAY + timedelta(days=20),
        "Mads",
        {"fuldmagt_id": ending.id},
    )


def test_several_tasks_come_nearest_first(empty_session, hanne):
    book.window(empty_session, hanne, closes_on=TODAY + timedelta(days=11))
    meeting.meeting(empty_session, hanne)  # deadline Tuesday, meeting Thursday
    caseworker = people.caseworker(empty_session, "Rikke")
    outcomes.outcome(empty_session, hanne, caseworker, published=True, decision_date=TODAY)
    assert kinds(tasks.overview(empty_session, hanne.id, NOW)) == [
        "participation",
        "preparation",
        "book",
        "read",
    ]


def test_a_delegate_sees_only_what_their_scope_covers(empty_session, hanne):
    book.window(empty_session, hanne)
    meeting.meeting(empty_session, hanne)
    caseworker = people.caseworker(empty_session, "Rikke")
    outcomes.outcome(empty_session, hanne, caseworker, published=True, decision_date=TODAY)
    booking_only = {"booking.change", "booking.view"}
    result = tasks.overview(empty_session, hanne.id, NOW, may=booking_only.__contains__)
    assert kinds(result) == ["book"]
    assert result.coming == []
    meeting_scope = {"meeting.view", "meeting.participation", "meeting.preparation"}
    result = tasks.overview(empty_session, hanne.id, NOW, may=meeting_scope.__contains__)
    assert kinds(result) == ["participation", "preparation"]
    assert [e.kind for e in result.coming] == ["meeting"]


def test_coming_events_are_nearest_first_at_most_five_with_more_behind_a_link(empty_session, hanne):
    caseworker = empty_session.get(type(hanne), hanne.caseworker_id)
    planned = meeting.meeting(empty_session, hanne)  # Thursday 7 March
    the_plan = plan.plan(empty_session, hanne, at=NOW)
    steps = [
        plan.effort(empty_session, the_plan, f"Trin {n}", start=TODAY + timedelta(days=n), at=NOW)
        for n in (1, 2, 5, 6, 8)
    ]
    plan.effort(empty_session, the_plan, "Startet", start=TODAY - timedelta(days=1), at=NOW)
    slot = book.slot_on(empty_session, caseworker, TODAY + timedelta(days=2), 9)
    conversation = book.booking(empty_session, hanne, slot)
    result = tasks.overview(empty_session, hanne.id, NOW)
    assert [(e.kind.value, e.args) for e in result.coming] == [
        ("step", {"effort_id": steps[0].id}),
        ("conversation", {"booking_id": conversation.id}),
        ("step", {"effort_id": steps[1].id}),
        ("meeting", {}),
        ("step", {"effort_id": steps[2].id}),
    ]
    assert result.coming[3].at == planned.starts_at
    assert result.more_coming
    everything = tasks.coming_events(empty_session, hanne.id, NOW)
    assert len(everything) == 7 and everything[:5] == result.coming


def _statements(empty_session, citizen_id) -> int:
    count = 0

    def counted(*args):
        nonlocal count
        count += 1

    engine = empty_session.get_bind()
    event.listen(engine, "before_cursor_execute", counted)
    try:
        tasks.overview(empty_session, citizen_id, NOW)
    finally:
        event.remove(engine, "before_cursor_execute", counted)
    return count


def _add_one_of_each(session, citizen, caseworker, holder, the_plan, n: int) -> None:
    day = TODAY + timedelta(days=1 + n)
    book.window(session, citizen, closes_on=TODAY + timedelta(days=30 + n))
    slot = book.slot_on(session, caseworker, day, 8 + n % 8, 0)
    book.booking(session, citizen, slot)
    outcomes.outcome(session, citizen, caseworker, published=True, decision_date=TODAY)
    plan.effort(session, the_plan, f"Trin {n}", start=day, at=NOW)
    delegation.fuldmagt(session, citizen, holder, today=TODAY, ends_on=day, now=NOW)
    meeting.meeting(session, citizen, starts_at=clock.at_local(day, 13))


def test_the_number_of_statements_does_not_grow_with_the_data(empty_session, hanne):
    caseworker = empty_session.get(type(hanne), hanne.caseworker_id)
    the_plan = plan.plan(empty_session, hanne, at=NOW)
    holders = [people.relative(empty_session, f"Pårørende {n}") for n in range(25)]
    _add_one_of_each(empty_session, hanne, caseworker, holders[0], the_plan, 0)
    empty_session.expire_all()
    small = _statements(empty_session, hanne.id)
    for n in range(1, 25):
        _add_one_of_each(empty_session, hanne, caseworker, holders[n], the_plan, n)
    empty_session.expire_all()
    large = _statements(empty_session, hanne.id)
    assert small == large
    assert large <= 10
    result = tasks.overview(empty_session, hanne.id, NOW)
    assert len(result.coming) == tasks.COMING_SHOWN
    assert len(result.tasks) <= 4 + 2 * tasks.OUTCOMES_MAX
