"""Plans: a citizen's plan with a goal, and efforts in it."""

from __future__ import annotations

from datetime import date, datetime

from portal import clock
from portal.models import Department, Effort, EffortStatus, Law, Payer, Person, Plan
from portal.services import plan as plans


def plan(
    session,
    citizen: Person,
    goal: str | None = "Jeg vil gerne arbejde igen.",
    *,
    at: datetime | None = None,
) -> Plan:
    """The citizen's plan, its goal written by the citizen."""
    new = plans.create_plan(
        session, citizen.id, goal=goal, at=at or clock.now(), actor_id=citizen.id
    )
    session.flush()
    return new


def effort(
    session,
    plan: Plan,
    title: str = "Fysioterapi",
    *,
    actor: Person | None = None,
    department: str = Department.HEALTH,
    status: str = EffortStatus.PLANNED,
    start: date | None = None,
    end: date | None = None,
    next_step: str | None = None,
    at: datetime | None = None,
) -> Effort:
    """An effort added to the plan (by `actor`, a caseworker), recorded in its history."""
    return plans.add_effort(
        session,
        plan,
        at=at or clock.now(),
        actor_id=actor.id if actor else None,
        title=title,
        meaning=f"Det betyder: {title}.",
        department=department,
        law=Law.HEALTH if department == Department.HEALTH else Law.EMPLOYMENT,
        payer=Payer.MUNICIPALITY,
        status=status,
        start_date=start,
        end_date=end,
        next_step=next_step,
    )
