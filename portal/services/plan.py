"""The one plan: grouping efforts into now/later/finished, the history, and recorded changes.

Every change goes through a function here so it is written to the plan's history in the same
transaction; nothing else writes Effort or Plan rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.models import (
    ChangeKind,
    Department,
    Effort,
    EffortStatus,
    Law,
    OutcomeEffort,
    Payer,
    Plan,
    PlanChange,
)
from portal.services import sensitivity
from portal.services.errors import DomainError, NotFound

TITLE_MAX = 120
FINISHED = {EffortStatus.DONE, EffortStatus.CANCELLED}


@dataclass(frozen=True)
class PlanView:
    goal: str | None
    now: list[Effort]
    later: list[Effort]
    finished: list[Effort]

    @property
    def is_empty(self) -> bool:
        return not (self.now or self.later or self.finished)


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    kind: str
    actor_id: int | None
    actor_name: str | None
    department: str | None
    effort_id: int | None
    effort_title: str | None
    old_value: str | None
    new_value: str | None
    outcome_id: int | None = None  # a link to a meeting outcome changed (outcome_links.py)

    @property
    def old_dates(self) -> tuple[date | None, date | None]:
        return decode_dates(self.old_value)

    @property
    def new_dates(self) -> tuple[date | None, date | None]:
        return decode_dates(self.new_value)


def group_efforts(efforts: list[Effort], today: date) -> tuple[list, list, list]:
    """Split efforts into what happens now, later, and what is finished.

    A planned effort whose start date has come counts as "now": for the citizen it is what is
    happening, whatever the department has updated yet.
    """
    now, later, finished = [], [], []
    for effort in efforts:
        if effort.status in FINISHED:
            finished.append(effort)
        elif effort.status in (EffortStatus.ONGOING, EffortStatus.PAUSED) or (
            effort.start_date is not None and effort.start_date <= today
        ):
            now.append(effort)
        else:
            later.append(effort)
    far = date.max
    now.sort(key=lambda e: (e.status == EffortStatus.PAUSED, e.end_date or far, e.id))
    later.sort(key=lambda e: (e.start_date or far, e.id))
    finished.sort(key=lambda e: (e.end_date or date.min, e.id), reverse=True)
    return now, later, finished


def plan_of(session: Session, citizen_id: int) -> Plan | None:
    return session.scalar(select(Plan).where(Plan.citizen_id == citizen_id))


def plan_view(
    session: Session, citizen_id: int, today: date, *, include_sensitive: bool = True
) -> PlanView | None:
    """The plan as this reader may see it: without sensitive efforts for a fuldmagt holder who
    was not given health and social data (portal/services/sensitivity.py)."""
    plan = plan_of(session, citizen_id)
    if plan is None:
        return None
    efforts = sensitivity.visible(plan.efforts, include_sensitive)
    now, later, finished = group_efforts(efforts, today)
    return PlanView(goal=plan.goal, now=now, later=later, finished=finished)


def effort_of(
    session: Session, citizen_id: int, effort_id: int, *, include_sensitive: bool = True
) -> Effort:
    """The effort, only if it is in this citizen's plan (and this reader may see it)."""
    effort = session.scalar(
        select(Effort)
        .join(Plan, Effort.plan_id == Plan.id)
        .where(Effort.id == effort_id, Plan.citizen_id == citizen_id)
    )
    if effort is None or (effort.sensitive and not include_sensitive):
        raise NotFound("effort")
    return effort


def next_step(
    session: Session, citizen_id: int, today: date, *, include_sensitive: bool = True
) -> Effort | None:
    """The plan step the citizen should know about first: the soonest thing that is not finished."""
    view = plan_view(session, citizen_id, today, include_sensitive=include_sensitive)
    if view is None:
        return None
    upcoming = [e for e in view.now if e.status != EffortStatus.PAUSED and e.next_step]
    if upcoming:
        return upcoming[0]
    return view.later[0] if view.later else None


def history(
    session: Session,
    citizen_id: int,
    effort_id: int | None = None,
    *,
    include_sensitive: bool = True,
) -> list[HistoryEntry]:
    """Every change to the plan, newest first (optionally only one effort's); without the
    sensitive efforts' changes for a reader who may not see them."""
    query = (
        select(PlanChange)
        .join(Plan, PlanChange.plan_id == Plan.id)
        .where(Plan.citizen_id == citizen_id)
        .order_by(PlanChange.at.desc(), PlanChange.id.desc())
    )
    if effort_id is not None:
        query = query.where(PlanChange.effort_id == effort_id)
    if not include_sensitive:
        hidden = select(Effort.id).where(Effort.sensitive.is_(True))
        query = query.where(
            (PlanChange.effort_id.is_(None)) | (PlanChange.effort_id.not_in(hidden))
        )
        # A link change names its outcome: not shown when the outcome is hidden from this reader
        # (linked to a sensitive effort now), even if the effort it names is not sensitive.
        hidden_outcomes = select(OutcomeEffort.outcome_id).join(
            Effort, Effort.id == OutcomeEffort.effort_id
        )
        query = query.where(
            PlanChange.outcome_id.is_(None)
            | PlanChange.outcome_id.not_in(hidden_outcomes.where(Effort.sensitive.is_(True)))
        )
    return [
        HistoryEntry(
            at=c.at,
            kind=c.kind,
            actor_id=c.actor_id,
            actor_name=c.actor.full_name if c.actor else None,
            department=c.department,
            effort_id=c.effort_id,
            effort_title=c.effort_title,
            old_value=c.old_value,
            new_value=c.new_value,
            outcome_id=c.outcome_id,
        )
        for c in session.scalars(query)
    ]


# --- Changes (each recorded in the history) -------------------------------------------------


def encode_dates(start: date | None, end: date | None) -> str:
    return f"{start.isoformat() if start else ''}/{end.isoformat() if end else ''}"


def decode_dates(value: str | None) -> tuple[date | None, date | None]:
    if not value or "/" not in value:
        return None, None
    start, end = value.split("/", 1)
    return (date.fromisoformat(start) if start else None, date.fromisoformat(end) if end else None)


def _check_dates(start: date | None, end: date | None) -> None:
    if start and end and end < start:
        raise DomainError("end_before_start", field="end_date")


def create_plan(
    session: Session, citizen_id: int, *, goal: str | None, at: datetime, actor_id: int | None
) -> Plan:
    if plan_of(session, citizen_id) is not None:
        raise DomainError("plan_exists")
    plan = Plan(citizen_id=citizen_id, goal=goal, created_at=at)
    session.add(plan)
    if goal:
        plan.changes.append(
            PlanChange(at=at, kind=ChangeKind.GOAL_CHANGED, actor_id=actor_id, new_value=goal)
        )
    return plan


def add_effort(
    session: Session,
    plan: Plan,
    *,
    at: datetime,
    actor_id: int | None,
    title: str,
    meaning: str,
    department: str,
    law: str,
    payer: str,
    status: str = EffortStatus.PLANNED,
    start_date: date | None = None,
    end_date: date | None = None,
    next_step: str | None = None,
    contact_name: str | None = None,
    contact_phone: str | None = None,
    sensitive: bool | None = None,
) -> Effort:
    title = title.strip()
    if not title or len(title) > TITLE_MAX:
        raise DomainError("title_length", field="title")
    Department(department), Law(law), Payer(payer), EffortStatus(status)  # raise on unknown codes
    _check_dates(start_date, end_date)
    effort = Effort(
        title=title,
        meaning=meaning,
        department=department,
        law=law,
        payer=payer,
        status=status,
        start_date=start_date,
        end_date=end_date,
        next_step=next_step,
        contact_name=contact_name,
        contact_phone=contact_phone,
        sensitive=sensitivity.default_for(department, law) if sensitive is None else sensitive,
    )
    plan.efforts.append(effort)
    session.flush()
    plan.changes.append(
        PlanChange(
            at=at,
            kind=ChangeKind.EFFORT_ADDED,
            actor_id=actor_id,
            department=department,
            effort_id=effort.id,
            effort_title=title,
            new_value=status,
        )
    )
    return effort


def change_status(
    session: Session, effort: Effort, status: str, *, at: datetime, actor_id: int | None
) -> None:
    EffortStatus(status)
    if status == effort.status:
        raise DomainError("status_unchanged", field="status")
    effort.plan.changes.append(
        PlanChange(
            at=at,
            kind=ChangeKind.STATUS_CHANGED,
            actor_id=actor_id,
            department=effort.department,
            effort_id=effort.id,
            effort_title=effort.title,
            old_value=effort.status,
            new_value=status,
        )
    )
    effort.status = status


def move_dates(
    session: Session,
    effort: Effort,
    start_date: date | None,
    end_date: date | None,
    *,
    at: datetime,
    actor_id: int | None,
) -> None:
    _check_dates(start_date, end_date)
    if (start_date, end_date) == (effort.start_date, effort.end_date):
        raise DomainError("dates_unchanged", field="start_date")
    effort.plan.changes.append(
        PlanChange(
            at=at,
            kind=ChangeKind.DATES_MOVED,
            actor_id=actor_id,
            department=effort.department,
            effort_id=effort.id,
            effort_title=effort.title,
            old_value=encode_dates(effort.start_date, effort.end_date),
            new_value=encode_dates(start_date, end_date),
        )
    )
    effort.start_date, effort.end_date = start_date, end_date


def change_goal(
    session: Session, plan: Plan, goal: str, *, at: datetime, actor_id: int | None
) -> None:
    goal = goal.strip()
    if not goal:
        raise DomainError("goal_required", field="goal")
    plan.changes.append(
        PlanChange(
            at=at,
            kind=ChangeKind.GOAL_CHANGED,
            actor_id=actor_id,
            old_value=plan.goal,
            new_value=goal,
        )
    )
    plan.goal = goal
