"""The plan service against a real database: history, ownership, and rule checks."""

from datetime import date, timedelta

import pytest

from portal import clock
from portal.models import AuditEvent, ChangeKind, EffortStatus
from portal.models.audit import AuditIsAppendOnly
from portal.services import audit
from portal.services import plan as plans
from portal.services.errors import DomainError, NotFound


def test_history_is_newest_first_and_covers_every_kind_of_change(session, demo_data):
    entries = plans.history(session, demo_data["Hanne"])
    moments = [e.at for e in entries]
    assert moments == sorted(moments, reverse=True)
    assert {e.kind for e in entries} == set(ChangeKind)
    moved = next(
        e
        for e in entries
        if e.kind == ChangeKind.DATES_MOVED and e.effort_title == "Fysioterapi for skulderen"
    )
    today = clock.today()
    assert moved.old_dates == (today - timedelta(days=60), today)
    assert moved.new_dates == (today - timedelta(days=60), today + timedelta(days=30))


def test_changes_are_recorded_with_who_and_when(session, demo_data):
    plan = plans.plan_of(session, demo_data["Sofie"])
    effort = next(e for e in plan.efforts if e.title == "Delvis raskmelding")
    before = len(plans.history(session, demo_data["Sofie"]))
    at = clock.now()
    plans.change_status(session, effort, EffortStatus.ONGOING, at=at, actor_id=demo_data["Anders"])
    session.commit()
    entries = plans.history(session, demo_data["Sofie"])
    assert len(entries) == before + 1
    newest = entries[0]
    assert (newest.kind, newest.old_value, newest.new_value) == (
        "status_changed",
        "planned",
        "ongoing",
    )
    assert newest.actor_name == "Anders Mikkelsen" and newest.department == "employment"


def test_rules_refuse_bad_changes_and_change_nothing(session, demo_data):
    plan = plans.plan_of(session, demo_data["Sofie"])
    effort = plan.efforts[0]
    before = len(plan.changes)
    with pytest.raises(DomainError) as unchanged:
        plans.change_status(session, effort, effort.status, at=clock.now(), actor_id=None)
    assert unchanged.value.code == "status_unchanged"
    with pytest.raises(DomainError):
        plans.move_dates(
            session, effort, date(2026, 5, 1), date(2026, 4, 1), at=clock.now(), actor_id=None
        )
    with pytest.raises(ValueError):
        plans.change_status(session, effort, "finished-ish", at=clock.now(), actor_id=None)
    with pytest.raises(DomainError):
        plans.add_effort(
            session,
            plan,
            at=clock.now(),
            actor_id=None,
            title=" ",
            meaning="",
            department="health",
            law="sundhedsloven",
            payer="region",
        )
    with pytest.raises(DomainError):
        plans.change_goal(session, plan, "   ", at=clock.now(), actor_id=None)
    assert len(plan.changes) == before


def test_an_effort_is_found_only_in_its_own_citizens_plan(session, demo_data):
    hanne_effort = plans.plan_of(session, demo_data["Hanne"]).efforts[0]
    assert plans.effort_of(session, demo_data["Hanne"], hanne_effort.id) is hanne_effort
    with pytest.raises(NotFound):
        plans.effort_of(session, demo_data["Lærke"], hanne_effort.id)
    with pytest.raises(NotFound):
        plans.effort_of(session, demo_data["Hanne"], 10**9)


def test_plan_view_and_next_step(session, demo_data):
    view = plans.plan_view(session, demo_data["Hanne"], clock.today())
    titles = lambda efforts: [e.title for e in efforts]  # noqa: E731
    assert "Fysioterapi for skulderen" in titles(view.now)
    assert "Mentor til at komme i gang" in titles(view.later)
    assert set(titles(view.finished)) == {"Praktik i en genbrugsbutik", "Holdtræning for ryggen"}
    assert {e.department for e in view.now} >= {"employment", "health", "social"}
    step = plans.next_step(session, demo_data["Hanne"], clock.today())
    assert step is not None and step.next_step
    assert plans.plan_view(session, demo_data["Anders"], clock.today()) is None


def test_demo_data_is_idempotent(session, demo_data):
    from portal import demo
    from portal.models import Person, Plan

    people_before = session.query(Person).count()
    demo.load(session, clock.today())
    session.commit()
    demo.load(session, clock.today())
    session.commit()
    assert session.query(Person).count() == people_before
    assert session.query(Plan).count() == 5


def test_audit_entries_cannot_be_changed_or_deleted(session, demo_data):
    entry = audit.record(
        session, actor_id=None, actor_role="anonymous", citizen_id=None, action="x"
    )
    session.commit()
    entry.detail = "rewritten"
    with pytest.raises(AuditIsAppendOnly):
        session.flush()
    session.rollback()
    session.delete(session.get(AuditEvent, entry.id))
    with pytest.raises(AuditIsAppendOnly):
        session.flush()
    session.rollback()
    assert session.get(AuditEvent, entry.id).detail is None
