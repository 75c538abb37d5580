"""Meeting outcomes: writing, publishing and correcting them, and what the citizen sees.

Drafts are the caseworker's; the citizen only ever sees published versions. A published version
is never changed (the model refuses it too): a correction is a new version with a note saying
what changed, and the citizen is told. Reading is acknowledged per version.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from portal.models import ChangeKind, Outcome, OutcomeKind, OutcomeReceipt, OutcomeVersion
from portal.services import outcome_links, sensitivity
from portal.services.appeal import appeal_deadline, appeal_period
from portal.services.errors import DomainError, NotFound
from portal.services.notifications import outbox
from portal.services.outcome_drafts import (  # noqa: F401 - the outcome's public words
    APPEAL_ROUTE_MIN,
    FORMAL_MAX,
    HARD_LIX,
    NOTE_MAX,
    PLAIN_SECTIONS,
    SECTION_MAX,
    TITLE_MAX,
    Draft,
    check,
    clean,
    too_hard,
    validate,
)


def deadline(version: OutcomeVersion) -> date:
    return appeal_deadline(
        version.decision_date, received=version.received_date, weeks=version.appeal_weeks
    )


def deadline_moved_from(version: OutcomeVersion) -> date | None:
    """The day the appeal period ran out when that was not a working day (so the deadline was
    moved to the next working day), else None."""
    period = appeal_period(
        version.decision_date, received=version.received_date, weeks=version.appeal_weeks
    )
    return period.period_ends if period.moved else None


# A list walks every outcome's versions and their receipts: loaded in two more queries, not two
# per outcome.
_WITH_VERSIONS = selectinload(Outcome.versions).selectinload(OutcomeVersion.receipts)


# --- The caseworker's side ------------------------------------------------------------------


def recommendations_of(session: Session, citizen_id: int) -> list[tuple[Outcome, OutcomeVersion]]:
    """The citizen's published recommendations, which a decision can follow."""
    return [
        (o, latest_published(o))
        for o in session.scalars(
            select(Outcome)
            .where(Outcome.citizen_id == citizen_id, Outcome.kind == OutcomeKind.RECOMMENDATION)
            .order_by(Outcome.id.desc())
        )
        if latest_published(o) is not None
    ]


def _check_follows(session: Session, citizen_id: int, kind: str, follows_id: int | None) -> None:
    if follows_id is None:
        return
    if kind != OutcomeKind.DECISION:
        raise DomainError("follows_only_for_decisions", field="follows_id")
    if follows_id not in {o.id for o, _ in recommendations_of(session, citizen_id)}:
        raise DomainError("follows_invalid", field="follows_id")


def create(
    session: Session,
    citizen_id: int,
    *,
    kind: str,
    follows_id: int | None,
    draft: Draft,
    author_id: int,
    at: datetime,
    request_key: str | None = None,
    effort_ids=(),
) -> Outcome:
    """A new outcome with its first version as a draft (not visible to the citizen).

    `request_key` identifies the form that was filled in: sending it again (a double click, the
    back button) returns the outcome it already created instead of making a second one, also when
    the two requests arrive at the same time (the unique key refuses the second insert).
    `effort_ids`: the efforts of the plan it is about, linked at once (portal/services/sensitivity).
    """
    used = _by_key(session, request_key)
    if used:
        return _replayed(used, citizen_id)
    if kind not in set(OutcomeKind):
        raise DomainError("kind_invalid", field="kind")
    _check_follows(session, citizen_id, kind, follows_id)
    validate(draft, kind, correcting=False)
    effort_ids = sensitivity.check_efforts(session, citizen_id, effort_ids)
    outcome = Outcome(
        citizen_id=citizen_id,
        kind=kind,
        follows_id=follows_id,
        created_at=at,
        created_by_id=author_id,
        request_key=request_key or None,
    )
    outcome.versions.append(
        OutcomeVersion(
            number=1, author_id=author_id, created_at=at, **clean(draft, kind, correcting=False)
        )
    )
    sensitivity.link_efforts(session, outcome, effort_ids)
    try:
        with session.begin_nested():
            session.add(outcome)
    except IntegrityError:
        used = _by_key(session, request_key)
        if used is None:
            raise
        return _replayed(used, citizen_id)
    return outcome


def _by_key(session: Session, request_key: str | None) -> Outcome | None:
    if not request_key:
        return None
    return session.scalar(select(Outcome).where(Outcome.request_key == request_key))


def _replayed(used: Outcome, citizen_id: int) -> Outcome:
    """The outcome a form already created, if it was for this citizen."""
    if used.citizen_id != citizen_id:
        raise DomainError("request_key_reused")
    return used


def draft_of(outcome: Outcome) -> OutcomeVersion | None:
    return next((v for v in outcome.versions if not v.is_published), None)


def latest_published(outcome: Outcome) -> OutcomeVersion | None:
    published = [v for v in outcome.versions if v.is_published]
    return published[-1] if published else None


def save_draft(
    session: Session,
    outcome: Outcome,
    *,
    draft: Draft,
    author_id: int,
    at: datetime,
    effort_ids=(),
) -> OutcomeVersion:
    """Change the draft, or start a correction (a new draft version) of a published outcome.
    `effort_ids` are linked too (removing one is `outcome_links.unlink`)."""
    current = draft_of(outcome)
    correcting = latest_published(outcome) is not None
    validate(draft, outcome.kind, correcting=correcting)
    added = sensitivity.link_efforts(
        session, outcome, sensitivity.check_efforts(session, outcome.citizen_id, effort_ids)
    )
    # A correction's new links are in the plan's history at once: the citizen reads the outcome.
    linked = ChangeKind.OUTCOME_LINKED
    outcome_links.record(session, outcome, added, linked, actor_id=author_id, at=at)
    values = clean(draft, outcome.kind, correcting=correcting)
    if current is None:
        number = max((v.number for v in outcome.versions), default=0) + 1
        current = OutcomeVersion(number=number, author_id=author_id, created_at=at, **values)
        outcome.versions.append(current)
    else:
        for name, value in values.items():
            setattr(current, name, value)
        current.author_id = author_id
    session.flush()
    return current


def publish(
    session: Session,
    outcome: Outcome,
    *,
    version_id: int | None,
    confirmed_hard_text: bool,
    actor_id: int,
    at: datetime,
) -> OutcomeVersion:
    """Show the draft to the citizen. Refuses a stale or repeated publish of the same draft."""
    current = draft_of(outcome)
    if current is None or current.id != version_id:
        raise DomainError("nothing_to_publish")
    if too_hard(check(Draft.of(current))) and not confirmed_hard_text:
        raise DomainError("hard_text_not_confirmed", field="confirm_hard_text")
    first = latest_published(outcome) is None
    current.published_at = at
    current.published_by_id = actor_id
    added = sensitivity.link_efforts(session, outcome)
    session.flush()
    # The citizen can read it from now on, so its links go in the plan's history: all of them
    # the first time, after that only the ones the new text adds.
    if first:
        outcome_links.record_first_publication(session, outcome, actor_id=actor_id, at=at)
    else:
        linked = ChangeKind.OUTCOME_LINKED
        outcome_links.record(session, outcome, added, linked, actor_id=actor_id, at=at)
    decision = outcome.kind == OutcomeKind.DECISION
    appeal_by = deadline(current) if decision and current.decision_date else None
    outbox.outcome_published(session, outcome, current, appeal_by=appeal_by, now=at)
    return current


def staff_outcomes(session: Session, citizen_id: int) -> list[Outcome]:
    return list(
        session.scalars(
            select(Outcome)
            .where(Outcome.citizen_id == citizen_id)
            .options(_WITH_VERSIONS)
            .order_by(Outcome.id.desc())
        )
    )


def staff_outcome(session: Session, citizen_id: int, outcome_id: int) -> Outcome:
    outcome = session.scalar(
        select(Outcome).where(Outcome.id == outcome_id, Outcome.citizen_id == citizen_id)
    )
    if outcome is None:
        raise NotFound("outcome")
    return outcome


# --- The citizen's side ---------------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    outcome: Outcome
    version: OutcomeVersion  # the newest published version
    unread: bool

    @property
    def corrected(self) -> bool:
        return self.version.number > 1 and self.version.correction_note is not None


@dataclass(frozen=True)
class CitizenView:
    outcome: Outcome
    version: OutcomeVersion  # the version shown
    latest: OutcomeVersion
    published: list[OutcomeVersion]  # every published version, oldest first
    receipt: OutcomeReceipt | None  # the citizen's receipt for the shown version
    related: Outcome | None  # the recommendation this decision follows, or the decision after it
    related_version: OutcomeVersion | None

    @property
    def is_latest(self) -> bool:
        return self.version.id == self.latest.id

    @property
    def earlier(self) -> list[OutcomeVersion]:
        return [v for v in self.published if v.id != self.version.id]


def _receipt(version: OutcomeVersion, reader_id: int) -> OutcomeReceipt | None:
    return next((r for r in version.receipts if r.reader_id == reader_id), None)


def citizen_outcomes(
    session: Session, citizen_id: int, *, include_sensitive: bool = True
) -> list[Summary]:
    """Published outcomes, newest first (by when their newest version was published); without
    those linked to a sensitive effort for a reader who may not see them."""
    summaries = []
    query = select(Outcome).where(Outcome.citizen_id == citizen_id).options(_WITH_VERSIONS)
    if not include_sensitive:
        query = query.where(sensitivity.outcome_not_sensitive())
    for outcome in session.scalars(query):
        version = latest_published(outcome)
        if version is not None:
            unread = _receipt(version, citizen_id) is None
            summaries.append(Summary(outcome=outcome, version=version, unread=unread))
    summaries.sort(key=lambda s: (s.version.published_at, s.outcome.id), reverse=True)
    return summaries


def unread_count(session: Session, citizen_id: int, *, include_sensitive: bool = True) -> int:
    shown = citizen_outcomes(session, citizen_id, include_sensitive=include_sensitive)
    return sum(1 for s in shown if s.unread)


def _related(session: Session, outcome: Outcome) -> Outcome | None:
    if outcome.follows is not None:
        return outcome.follows
    followers = session.scalars(
        select(Outcome).where(Outcome.follows_id == outcome.id).order_by(Outcome.id.desc())
    )
    return next((o for o in followers if latest_published(o) is not None), None)


def citizen_outcome(
    session: Session,
    citizen_id: int,
    outcome_id: int,
    number: int | None = None,
    *,
    include_sensitive: bool = True,
) -> CitizenView:
    """One published outcome of this citizen (a given version, or the newest); one linked to a
    sensitive effort does not exist for a reader who may not see it."""
    query = select(Outcome).where(Outcome.id == outcome_id, Outcome.citizen_id == citizen_id)
    if not include_sensitive:
        query = query.where(sensitivity.outcome_not_sensitive())
    outcome = session.scalar(query)
    published = [v for v in outcome.versions if v.is_published] if outcome else []
    if not published:
        raise NotFound("outcome")  # drafts do not exist for the citizen
    latest = published[-1]
    version = latest if number is None else next((v for v in published if v.number == number), None)
    if version is None:
        raise NotFound("outcome_version")
    related = _related(session, outcome)
    if (
        related is not None
        and not include_sensitive
        and sensitivity.outcome_is_sensitive(session, related.id)
    ):
        related = None
    return CitizenView(
        outcome=outcome,
        version=version,
        latest=latest,
        published=published,
        receipt=_receipt(version, citizen_id),
        related=related,
        related_version=latest_published(related) if related else None,
    )


def mark_read(
    session: Session, citizen_id: int, outcome_id: int, version_id: int | None, *, at: datetime
) -> tuple[OutcomeReceipt, bool]:
    """The citizen's "Jeg har læst det" for the newest version. Returns (receipt, new?).

    Marking the same version again changes nothing (a double click or a replayed form).
    """
    view = citizen_outcome(session, citizen_id, outcome_id)
    if version_id != view.latest.id:
        raise DomainError("version_not_current")
    existing = _receipt_of(session, view.latest.id, citizen_id)
    if existing is not None:
        return existing, False
    receipt = OutcomeReceipt(reader_id=citizen_id, read_at=at)
    try:
        with session.begin_nested():  # a second, simultaneous click may have stored it first
            view.latest.receipts.append(receipt)
    except IntegrityError:
        return _receipt_of(session, view.latest.id, citizen_id), False
    return receipt, True


def _receipt_of(session: Session, version_id: int, reader_id: int) -> OutcomeReceipt | None:
    return session.scalar(
        select(OutcomeReceipt).where(
            OutcomeReceipt.version_id == version_id, OutcomeReceipt.reader_id == reader_id
        )
    )
