"""Links between a meeting outcome and the plan's efforts it is about: listing them for the
caseworker, removing one, and writing every change to the plan's history.

A link decides who sees the outcome (portal/services/sensitivity.py); the citizen sees in the
plan's history when one of her efforts is linked to an outcome she can read, or no longer is.
While an outcome is only a draft its links are not in the history (the citizen cannot read it
yet): the first publication writes every link it has then.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from portal.models import (
    ChangeKind,
    Effort,
    Outcome,
    OutcomeEffort,
    OutcomeVersion,
    Plan,
    PlanChange,
)
from portal.services import sensitivity
from portal.services.errors import DomainError


def _published(outcome: Outcome) -> OutcomeVersion | None:
    published = [v for v in outcome.versions if v.is_published]
    return published[-1] if published else None


def linked(session: Session, outcome: Outcome) -> list[Effort]:
    """The efforts the outcome is about, in the plan's order (one query)."""
    return list(
        session.scalars(
            select(Effort)
            .join(OutcomeEffort, OutcomeEffort.effort_id == Effort.id)
            .where(OutcomeEffort.outcome_id == outcome.id)
            .order_by(Effort.id)
        )
    )


def named_in_text(session: Session, outcome: Outcome, efforts: Iterable[Effort]) -> set[int]:
    """The ids of those efforts a published version names by title: such a link cannot be
    removed. Publishing would make it again from the newest text, and an earlier version stays
    readable: were the link gone, an outcome whose earlier text names a sensitive effort would
    no longer be hidden from a holder without health and social data."""
    return {e.id for e in sensitivity.named(sensitivity.ever_published_text(outcome), efforts)}


def record(
    session: Session,
    outcome: Outcome,
    efforts: Iterable[Effort],
    kind: ChangeKind,
    *,
    actor_id: int | None,
    at: datetime,
) -> None:
    """One history entry per effort, if the citizen can read the outcome (it is published). The
    outcome's title then is kept, like the effort's: the history is never rewritten."""
    version = _published(outcome)
    if version is None:
        return
    for effort in efforts:
        # Added to the session, not to `plan.changes`: appending would load the whole history.
        session.add(
            PlanChange(
                plan_id=effort.plan_id,
                effort_id=effort.id,
                outcome_id=outcome.id,
                at=at,
                kind=kind,
                actor_id=actor_id,
                effort_title=effort.title,
                old_value=version.title if kind == ChangeKind.OUTCOME_UNLINKED else None,
                new_value=version.title if kind == ChangeKind.OUTCOME_LINKED else None,
            )
        )


def record_first_publication(
    session: Session, outcome: Outcome, *, actor_id: int | None, at: datetime
) -> None:
    """The outcome was just published for the first time: every link it has goes in the history."""
    record(
        session,
        outcome,
        linked(session, outcome),
        ChangeKind.OUTCOME_LINKED,
        actor_id=actor_id,
        at=at,
    )


def unlink(
    session: Session, outcome: Outcome, effort_id: int | None, *, actor_id: int, at: datetime
) -> Effort:
    """The caseworker says the outcome is not about this effort after all.

    Refused (nothing changes): an id that is no effort of this citizen's plan, a link that is not
    there (already removed: a double click or an old page), and an effort a published version
    names by title. The delete counts its rows, so two removals at once remove it once and the
    history says so once."""
    effort = session.scalar(
        select(Effort)
        .join(Plan, Effort.plan_id == Plan.id)
        .where(Plan.citizen_id == outcome.citizen_id, Effort.id == effort_id)
    )
    if effort is None:
        raise DomainError("unknown_effort")
    if effort.id in named_in_text(session, outcome, [effort]):
        raise DomainError("link_named_in_text")
    removed = session.execute(
        delete(OutcomeEffort).where(
            OutcomeEffort.outcome_id == outcome.id, OutcomeEffort.effort_id == effort.id
        )
    ).rowcount
    if not removed:
        raise DomainError("link_already_removed")
    session.expire(outcome, ["efforts"])
    record(session, outcome, [effort], ChangeKind.OUTCOME_UNLINKED, actor_id=actor_id, at=at)
    return effort
