"""Outcomes: a draft's text, an outcome with its first version, publishing it."""

from __future__ import annotations

from datetime import UTC, datetime

from portal.models import Outcome, OutcomeKind, OutcomeVersion, Person
from portal.services import outcomes

AT = datetime(2026, 3, 2, 9, tzinfo=UTC)


def draft(**changes) -> outcomes.Draft:
    """A plain, valid draft of a decision; `changes` override single fields."""
    values = dict(
        title="Du får et fleksjob",
        decided="Kommunen har sagt ja. Du får et fleksjob (et job på særlige vilkår).",
        meaning="Du får løn for de timer, du arbejder.",
        next_steps="Anders ringer til dig i næste uge.",
        if_you_disagree="Du kan klage til jobcentret.",
        formal_text="Afgørelse om fleksjob.",
        decision_date=AT.date(),
    )
    values.update(changes)
    return outcomes.Draft(**values)


def outcome(
    session,
    citizen: Person,
    author: Person,
    kind: str = OutcomeKind.DECISION,
    *,
    published: bool = False,
    follows: Outcome | None = None,
    at: datetime = AT,
    **changes,
) -> Outcome:
    """An outcome whose first version is a draft (published too when `published`)."""
    new = outcomes.create(
        session,
        citizen.id,
        kind=kind,
        follows_id=follows.id if follows else None,
        draft=draft(**changes),
        author_id=author.id,
        at=at,
    )
    if published:
        publish(session, new, author, at=at)
    return new


def publish(
    session, outcome: Outcome, actor: Person, *, at: datetime = AT, confirmed: bool = False
) -> OutcomeVersion:
    """Publish the outcome's current draft."""
    return outcomes.publish(
        session,
        outcome,
        version_id=outcomes.draft_of(outcome).id,
        confirmed_hard_text=confirmed,
        actor_id=actor.id,
        at=at,
    )
