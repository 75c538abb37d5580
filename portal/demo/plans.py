"""Rebuild the demo citizens' plans from portal/demo/plan_specs.py, dated relative to today.

The old plan of a demo citizen is removed and made again, with its history of changes."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from portal import clock
from portal.demo.plan_specs import PLANS, PlanSpec
from portal.models import EffortStatus, OutcomeEffort, Person, Plan, PlanChange
from portal.models.plan import Effort
from portal.services import plan as plans


def _days(today: date, offset: int | None) -> date | None:
    return None if offset is None else today + timedelta(days=offset)


def _moment(today: date, offset: int, hour: int = 10):
    return clock.at_local(today + timedelta(days=offset), hour)


def _rebuild_plan(
    session: Session, citizen: Person, spec: PlanSpec, caseworker: Person, today: date
) -> None:
    old = plans.plan_of(session, citizen.id)
    if old is not None:
        session.execute(delete(PlanChange).where(PlanChange.plan_id == old.id))
        efforts = select(Effort.id).where(Effort.plan_id == old.id)
        session.execute(delete(OutcomeEffort).where(OutcomeEffort.effort_id.in_(efforts)))
        session.execute(delete(Effort).where(Effort.plan_id == old.id))
        session.execute(delete(Plan).where(Plan.id == old.id))
        session.expunge_all()
        citizen = session.get(Person, citizen.id)
        caseworker = session.get(Person, caseworker.id)

    first_goal, first_at = spec.earlier_goal or (spec.goal, spec.goal_written)
    plan = plans.create_plan(
        session, citizen.id, goal=first_goal, at=_moment(today, -first_at, 9), actor_id=citizen.id
    )
    session.flush()
    if spec.earlier_goal:
        plans.change_goal(
            session, plan, spec.goal, at=_moment(today, -spec.goal_written, 9), actor_id=citizen.id
        )

    for effort_spec in spec.efforts:
        moves = [c for c in effort_spec.changes if c[1] == "dates"]
        first_start, first_end = (
            (moves[0][2], moves[0][3]) if moves else (effort_spec.start, effort_spec.end)
        )
        effort = plans.add_effort(
            session,
            plan,
            at=_moment(today, -effort_spec.added, 11),
            actor_id=caseworker.id,
            title=effort_spec.title,
            meaning=effort_spec.meaning,
            department=effort_spec.department,
            law=effort_spec.law,
            payer=effort_spec.payer,
            status=EffortStatus.PLANNED,
            start_date=_days(today, first_start),
            end_date=_days(today, first_end),
            next_step=effort_spec.next_step,
            contact_name=effort_spec.contact[0] if effort_spec.contact else None,
            contact_phone=effort_spec.contact[1] if effort_spec.contact else None,
        )
        for change in effort_spec.changes:
            at = _moment(today, change[0], 13)
            if change[1] == "status":
                plans.change_status(session, effort, change[2], at=at, actor_id=caseworker.id)
            else:
                plans.move_dates(
                    session,
                    effort,
                    _days(today, effort_spec.start),
                    _days(today, effort_spec.end),
                    at=at,
                    actor_id=caseworker.id,
                )
    session.flush()


def load_plans(session: Session, today: date, citizen_ids: dict[str, tuple[int, int]]) -> None:
    """Rebuild the plan of every demo citizen in PLANS ({subject: (citizen id, caseworker id)})."""
    for subject, plan_spec in PLANS.items():
        citizen_id, caseworker_id = citizen_ids[subject]
        _rebuild_plan(
            session,
            session.get(Person, citizen_id),
            plan_spec,
            session.get(Person, caseworker_id),
            today,
        )
