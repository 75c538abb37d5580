"""The plan service against a database: history, ownership, and rule checks."""

from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest

from portal import clock
from portal.models import ChangeKind, Department, EffortStatus
from portal.services import outcome_links, sensitivity
from portal.services import plan as plans
from portal.services.errors import DomainError, NotFound
from tests.factories import outcomes as outcome_factory
from tests.factories import people
from tests.factories.plan import effort, plan

TODAY = date(2026, 3, 10)


def _at(days: int) -> datetime:
    return datetime(2026, 3, 10, 12, tzinfo=UTC) + timedelta(days=days)


@pytest.fixture
def who(empty_session):
    """Anders Mikkelsen, caseworker of Hanne and Lærke."""
    anders = people.caseworker(empty_session, "Anders", last_name="Mikkelsen")
    return SimpleNamespace(
        anders=anders,
        hanne=people.citizen(empty_session, "Hanne", caseworker=anders),
        laerke=people.citizen(empty_session, "Lærke", caseworker=anders),
    )


def test_history_is_newest_first_and_covers_every_kind_of_change(empty_session, who):
    session = empty_session
    hanne_plan = plan(session, who.hanne, "Jeg vil have det bedre.", at=_at(-90))
    physio = effort(
        session,
        hanne_plan,
        "Fysioterapi for skulderen",
        actor=who.anders,
        start=TODAY - timedelta(days=60),
        end=TODAY,
        at=_at(-80),
    )
    plans.change_status(session, physio, EffortStatus.ONGOING, at=_at(-60), actor_id=who.anders.id)
    plans.move_dates(
        session,
        physio,
        TODAY - timedelta(days=60),
        TODAY + timedelta(days=30),
        at=_at(-20),
        actor_id=who.anders.id,
    )
    plans.change_goal(session, hanne_plan, "Jeg vil arbejde igen.", at=_at(-10), actor_id=None)
    physio_sensitive = physio.sensitive
    sensitivity.set_sensitive(physio, not physio_sensitive, at=_at(-5), actor_id=who.anders.id)
    # A meeting outcome about the effort: linked while a draft (in the history once published),
    # then the link removed.
    about = outcome_factory.outcome(session, who.hanne, who.anders, at=_at(-4))
    sensitivity.link_efforts(session, about, [physio.id])
    outcome_factory.publish(session, about, who.anders, at=_at(-3))
    outcome_links.unlink(session, about, physio.id, actor_id=who.anders.id, at=_at(-2))
    session.flush()
    entries = plans.history(session, who.hanne.id)
    moments = [e.at for e in entries]
    assert moments == sorted(moments, reverse=True)
    assert {e.kind for e in entries} == set(ChangeKind)
    moved = next(
        e
        for e in entries
        if e.kind == ChangeKind.DATES_MOVED and e.effort_title == "Fysioterapi for skulderen"
    )
    assert moved.old_dates == (TODAY - timedelta(days=60), TODAY)
    assert moved.new_dates == (TODAY - timedelta(days=60), TODAY + timedelta(days=30))
    unlinked = entries[0]
    assert (unlinked.kind, unlinked.outcome_id, unlinked.old_value, unlinked.actor_id) == (
        ChangeKind.OUTCOME_UNLINKED,
        about.id,
        "Du får et fleksjob",
        who.anders.id,
    )
    assert [e.kind for e in plans.history(session, who.hanne.id, physio.id)] == [
        ChangeKind.OUTCOME_UNLINKED,
        ChangeKind.OUTCOME_LINKED,
        ChangeKind.SENSITIVITY_CHANGED,
        ChangeKind.DATES_MOVED,
        ChangeKind.STATUS_CHANGED,
        ChangeKind.EFFORT_ADDED,
    ]


def test_changes_are_recorded_with_who_and_when(empty_session, who):
    session = empty_session
    sick_leave = effort(
        session,
        plan(session, who.hanne),
        "Delvis raskmelding",
        actor=who.anders,
        department=Department.EMPLOYMENT,
        at=_at(-7),
    )
    session.commit()
    before = len(plans.history(session, who.hanne.id))
    plans.change_status(
        session, sick_leave, EffortStatus.ONGOING, at=clock.now(), actor_id=who.anders.id
    )
    session.commit()
    entries = plans.history(session, who.hanne.id)
    assert len(entries) == before + 1
    newest = entries[0]
    assert (newest.kind, newest.old_value, newest.new_value) == (
        "status_changed",
        "planned",
        "ongoing",
    )
    assert newest.actor_name == "Anders Mikkelsen" and newest.department == "employment"


def test_rules_refuse_bad_changes_and_change_nothing(empty_session, who):
    session = empty_session
    hanne_plan = plan(session, who.hanne)
    first = effort(session, hanne_plan, status=EffortStatus.ONGOING)
    before = len(hanne_plan.changes)
    with pytest.raises(DomainError) as unchanged:
        plans.change_status(session, first, first.status, at=clock.now(), actor_id=None)
    assert unchanged.value.code == "status_unchanged"
    with pytest.raises(DomainError):
        plans.move_dates(
            session, first, date(2026, 5, 1), date(2026, 4, 1), at=clock.now(), actor_id=None
        )
    with pytest.raises(ValueError):
        plans.change_status(session, first, "finished-ish", at=clock.now(), actor_id=None)
    with pytest.raises(DomainError):
        plans.add_effort(
            session,
            hanne_plan,
            at=clock.now(),
            actor_id=None,
            title=" ",
            meaning="",
            department="health",
            law="sundhedsloven",
            payer="region",
        )
    with pytest.raises(DomainError):
        plans.change_goal(session, hanne_plan, "   ", at=clock.now(), actor_id=None)
    assert len(hanne_plan.changes) == before


def test_an_effort_is_found_only_in_its_own_citizens_plan(empty_session, who):
    session = empty_session
    plan(session, who.laerke)
    hanne_effort = effort(session, plan(session, who.hanne))
    assert plans.effort_of(session, who.hanne.id, hanne_effort.id) is hanne_effort
    with pytest.raises(NotFound):
        plans.effort_of(session, who.laerke.id, hanne_effort.id)
    with pytest.raises(NotFound):
        plans.effort_of(session, who.hanne.id, 10**9)


def test_plan_view_and_next_step(empty_session, who):
    session = empty_session
    hanne_plan = plan(session, who.hanne, "Jeg vil gerne arbejde igen.")
    past, soon = TODAY - timedelta(days=30), TODAY + timedelta(days=30)
    for title, department, status, start, end, step in [
        ("Jobafklaringsforløb", Department.EMPLOYMENT, "ongoing", past, soon + timedelta(30), None),
        ("Fysioterapi for skulderen", Department.HEALTH, "ongoing", past, soon, "Tirsdag kl. 10"),
        ("Alkoholbehandling", Department.SOCIAL, "ongoing", past, None, "Hver anden mandag"),
        ("Mentor til at komme i gang", Department.EMPLOYMENT, "planned", soon, None, None),
        ("Praktik i en genbrugsbutik", Department.EMPLOYMENT, "done", past, past, None),
        ("Holdtræning for ryggen", Department.HEALTH, "cancelled", past, None, None),
    ]:
        effort(
            session,
            hanne_plan,
            title,
            department=department,
            status=status,
            start=start,
            end=end,
            next_step=step,
        )
    view = plans.plan_view(session, who.hanne.id, TODAY)
    titles = lambda efforts: [e.title for e in efforts]  # noqa: E731
    assert view.goal == "Jeg vil gerne arbejde igen."
    assert "Fysioterapi for skulderen" in titles(view.now)
    assert "Mentor til at komme i gang" in titles(view.later)
    assert set(titles(view.finished)) == {"Praktik i en genbrugsbutik", "Holdtræning for ryggen"}
    assert {e.department for e in view.now} >= {"employment", "health", "social"}
    step = plans.next_step(session, who.hanne.id, TODAY)
    assert step.title == "Fysioterapi for skulderen"  # ends soonest of those with a next step
    assert plans.plan_view(session, who.anders.id, TODAY) is None


def test_sensitive_efforts_are_hidden_unless_included(empty_session, who):
    session = empty_session
    hanne_plan = plan(session, who.hanne, "Mål", at=_at(-90))
    psych = plans.add_effort(
        session,
        hanne_plan,
        at=_at(-50),
        actor_id=who.anders.id,
        title="Samtaler med psykolog",
        meaning="Samtaler.",
        department=Department.HEALTH,
        law="sundhedsloven",
        payer="region",
    )
    job = plans.add_effort(
        session,
        hanne_plan,
        at=_at(-40),
        actor_id=who.anders.id,
        title="Jobafklaring",
        meaning="Afklaring.",
        department=Department.EMPLOYMENT,
        law="beskaeftigelsesloven",
        payer="municipality",
    )
    session.flush()
    assert psych.sensitive and not job.sensitive
    shown = plans.plan_view(session, who.hanne.id, TODAY, include_sensitive=False)
    every = [*shown.now, *shown.later, *shown.finished]
    assert every == [job]
    assert {e.effort_id for e in plans.history(session, who.hanne.id, include_sensitive=False)} == {
        job.id,
        None,
    }
    with pytest.raises(NotFound):
        plans.effort_of(session, who.hanne.id, psych.id, include_sensitive=False)
    with pytest.raises(DomainError):
        sensitivity.set_sensitive(psych, True, at=_at(0), actor_id=who.anders.id)


@pytest.mark.parametrize(
    ("department", "law", "sensitive"),
    [
        ("health", "sundhedsloven", True),
        ("social", "sundhedsloven", True),
        ("social", "serviceloven", True),
        ("social", "aktivloven", False),
        ("employment", "beskaeftigelsesloven", False),
        ("education", "serviceloven", False),
    ],
)
def test_default_sensitivity(department, law, sensitive):
    assert sensitivity.default_for(department, law) is sensitive
