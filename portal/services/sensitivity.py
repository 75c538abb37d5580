"""Health and social data in the plan: which efforts are sensitive, and who sees them.

An effort is sensitive by default when it is health or social treatment: every effort of the
health department, and the social department's efforts under the health act or the social
services act (e.g. alcohol or drug treatment). The caseworker can change the flag; the change is
in the plan's history. A fuldmagt's "se" shows only non-sensitive efforts unless the citizen also
chose health and social data (scope "helbred"), and an outcome linked to a sensitive effort
(`outcome_effort`: set when it is published, from the efforts its text names and any given by
hand) is shown to a holder only then.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.models import (
    ChangeKind,
    Department,
    Effort,
    Law,
    Outcome,
    OutcomeEffort,
    Plan,
    PlanChange,
)
from portal.services.errors import DomainError

TREATMENT_LAWS = {Law.HEALTH, Law.SERVICE}


def default_for(department: str, law: str) -> bool:
    """Whether a new effort is sensitive unless the caseworker says otherwise."""
    if department == Department.HEALTH:
        return True
    return department == Department.SOCIAL and law in TREATMENT_LAWS


def visible(efforts: Iterable[Effort], include_sensitive: bool) -> list[Effort]:
    return [e for e in efforts if include_sensitive or not e.sensitive]


def named(texts: Iterable[str | None], efforts: Iterable[Effort]) -> list[Effort]:
    """The efforts whose title one of the texts names (case ignored)."""
    joined = " ".join(t for t in texts if t).casefold()
    return [e for e in efforts if e.title.casefold() in joined]


def set_sensitive(effort: Effort, sensitive: bool, *, at: datetime, actor_id: int | None) -> None:
    """The caseworker marks an effort sensitive or not; written to the plan's history."""
    if bool(sensitive) == effort.sensitive:
        raise DomainError("sensitivity_unchanged", field="sensitive")
    effort.plan.changes.append(
        PlanChange(
            at=at,
            kind=ChangeKind.SENSITIVITY_CHANGED,
            actor_id=actor_id,
            department=effort.department,
            effort_id=effort.id,
            effort_title=effort.title,
            old_value="sensitive" if effort.sensitive else "ordinary",
            new_value="sensitive" if sensitive else "ordinary",
        )
    )
    effort.sensitive = bool(sensitive)


def link_efforts(
    session: Session, outcome: Outcome, effort_ids: Iterable[int] = ()
) -> list[Effort]:
    """Store which of the citizen's efforts an outcome is about: the ones given, and every one
    the newest published text names by title, so an outcome that speaks of a sensitive effort is
    hidden even if nobody linked it by hand. Returns the efforts linked now (for the plan's
    history). Only the newest published version is read: each earlier one was read when it was
    published, and a link the caseworker removed since (portal/services/outcome_links.py) is
    not to come back from a text that no longer counts."""
    efforts = list(
        session.scalars(
            select(Effort)
            .join(Plan, Effort.plan_id == Plan.id)
            .where(Plan.citizen_id == outcome.citizen_id)
        )
    )
    wanted = {e.id for e in efforts if e.id in set(effort_ids)}
    newest = published_text(outcome)
    if newest:
        wanted |= {e.id for e in named(newest, efforts)}
    have = {link.effort_id for link in outcome.efforts}
    added = [e for e in efforts if e.id in wanted - have]
    for effort in sorted(added, key=lambda e: e.id):
        outcome.efforts.append(OutcomeEffort(effort_id=effort.id))
    return sorted(added, key=lambda e: e.id)


def published_text(outcome: Outcome) -> tuple[str | None, ...]:
    """Every text of the outcome's newest published version (empty while it is a draft)."""
    published = [v for v in outcome.versions if v.is_published]
    return _texts(published[-1]) if published else ()


def ever_published_text(outcome: Outcome) -> tuple[str | None, ...]:
    """Every text of every version the citizen has been given: earlier versions stay readable
    ("Andre udgaver"), so what one of them names stays part of the outcome."""
    return tuple(t for v in outcome.versions if v.is_published for t in _texts(v))


def _texts(v) -> tuple[str | None, ...]:
    return (v.title, v.decided, v.meaning, v.next_steps, v.if_you_disagree, v.formal_text)


def check_efforts(session: Session, citizen_id: int, effort_ids: Iterable[int]) -> set[int]:
    """The ids, if every one is an effort of this citizen's plan; a tampered or another citizen's
    id is refused (nothing is saved)."""
    wanted = set(effort_ids)
    if not wanted:
        return wanted
    found = set(
        session.scalars(
            select(Effort.id)
            .join(Plan, Effort.plan_id == Plan.id)
            .where(Plan.citizen_id == citizen_id, Effort.id.in_(wanted))
        )
    )
    if found != wanted:
        raise DomainError("unknown_effort", field="efforts")
    return wanted


def outcome_not_sensitive():
    """A condition on `Outcome`: it is linked to no effort that is sensitive now (one EXISTS
    over the link table's index, whatever the number of outcomes)."""
    return ~(
        select(OutcomeEffort.outcome_id)
        .join(Effort, Effort.id == OutcomeEffort.effort_id)
        .where(OutcomeEffort.outcome_id == Outcome.id, Effort.sensitive.is_(True))
        .exists()
    )


def outcome_is_sensitive(session: Session, outcome_id: int) -> bool:
    return bool(
        session.scalar(
            select(OutcomeEffort.outcome_id)
            .join(Effort, Effort.id == OutcomeEffort.effort_id)
            .where(OutcomeEffort.outcome_id == outcome_id, Effort.sensitive.is_(True))
            .limit(1)
        )
    )


def plan_efforts(session: Session, citizen_id: int) -> list[Effort]:
    """Every effort of the citizen's plan, in the order they were added (one query)."""
    return list(
        session.scalars(
            select(Effort)
            .join(Plan, Effort.plan_id == Plan.id)
            .where(Plan.citizen_id == citizen_id)
            .order_by(Effort.id)
        )
    )


def sensitive_efforts(session: Session, citizen_id: int) -> list[Effort]:
    """The citizen's sensitive efforts (one query, the size of one plan)."""
    return list(
        session.scalars(
            select(Effort)
            .join(Plan, Effort.plan_id == Plan.id)
            .where(Plan.citizen_id == citizen_id, Effort.sensitive.is_(True))
        )
    )
