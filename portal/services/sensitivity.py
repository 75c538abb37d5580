"""Health and social data in the plan: which efforts are sensitive, and who sees them.

An effort is sensitive by default when it is health or social treatment: every effort of the
health department, and the social department's efforts under the health act or the social
services act (e.g. alcohol or drug treatment). The caseworker can change the flag; the change is
in the plan's history. A fuldmagt's "se" shows only non-sensitive efforts unless the citizen also
chose health and social data (scope "helbred"), and an outcome whose text names a sensitive
effort is shown to a holder only then.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from portal.models import ChangeKind, Department, Effort, Law, OutcomeVersion, Plan, PlanChange
from portal.services.errors import DomainError

TREATMENT_LAWS = {Law.HEALTH, Law.SERVICE}


def default_for(department: str, law: str) -> bool:
    """Whether a new effort is sensitive unless the caseworker says otherwise."""
    if department == Department.HEALTH:
        return True
    return department == Department.SOCIAL and law in TREATMENT_LAWS


def visible(efforts: Iterable[Effort], include_sensitive: bool) -> list[Effort]:
    return [e for e in efforts if include_sensitive or not e.sensitive]


def names_sensitive(texts: Iterable[str | None], efforts: Iterable[Effort]) -> bool:
    """Whether any of the texts names a sensitive effort by its title (case ignored)."""
    titles = [e.title.casefold() for e in efforts if e.sensitive]
    if not titles:
        return False
    joined = " ".join(t for t in texts if t).casefold()
    return any(title in joined for title in titles)


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


def sensitive_efforts(session: Session, citizen_id: int) -> list[Effort]:
    """The citizen's sensitive efforts (one query, the size of one plan)."""
    return list(
        session.scalars(
            select(Effort)
            .join(Plan, Effort.plan_id == Plan.id)
            .where(Plan.citizen_id == citizen_id, Effort.sensitive.is_(True))
        )
    )


def outcome_names_sensitive(outcome, efforts: list[Effort]) -> bool:
    """Whether any published version of an outcome names one of the sensitive efforts."""
    return any(
        names_sensitive(
            (v.title, v.decided, v.meaning, v.next_steps, v.if_you_disagree, v.formal_text),
            efforts,
        )
        for v in outcome.versions
        if v.is_published
    )


def outcomes_naming_sensitive(
    session: Session, citizen_id: int, outcome_ids: list[int]
) -> set[int]:
    """Which of these outcomes name one of the citizen's sensitive efforts in a published
    version: one query pairing their published versions with the sensitive efforts (a handful
    of each), not one per outcome."""
    pairs = session.execute(
        select(OutcomeVersion, Effort)
        .join(Effort, Effort.sensitive.is_(True))
        .join(Plan, and_(Plan.id == Effort.plan_id, Plan.citizen_id == citizen_id))
        .where(OutcomeVersion.outcome_id.in_(outcome_ids), OutcomeVersion.published_at.is_not(None))
    ).all()
    return {
        v.outcome_id
        for v, effort in pairs
        if names_sensitive(
            (v.title, v.decided, v.meaning, v.next_steps, v.if_you_disagree, v.formal_text),
            [effort],
        )
    }
