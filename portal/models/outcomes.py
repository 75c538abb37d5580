"""Meeting outcomes: the team's recommendation (indstilling) and the municipality's decision
(afgørelse), in versions. A published version is never changed; a correction is a new version."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    event,
    inspect,
    text,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from portal.extensions import db
from portal.models.people import Person
from portal.models.types import UTCDateTime


class OutcomeKind(StrEnum):
    RECOMMENDATION = "indstilling"
    DECISION = "afgoerelse"


class Outcome(db.Model):
    __tablename__ = "outcome"
    __table_args__ = (CheckConstraint("kind IN ('indstilling', 'afgoerelse')", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    # A decision names the recommendation it follows, so the two are shown side by side.
    follows_id: Mapped[int | None] = mapped_column(ForeignKey("outcome.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    # The key of the form that created it: the same form sent twice creates one outcome.
    request_key: Mapped[str | None] = mapped_column(String(40), unique=True)

    citizen: Mapped[Person] = relationship(foreign_keys=[citizen_id])
    follows: Mapped[Outcome | None] = relationship(remote_side=[id], foreign_keys=[follows_id])
    versions: Mapped[list[OutcomeVersion]] = relationship(
        back_populates="outcome", order_by="OutcomeVersion.number"
    )
    efforts: Mapped[list[OutcomeEffort]] = relationship(back_populates="outcome")


class OutcomeEffort(db.Model):
    """An effort of the citizen's plan that an outcome is about (portal/services/sensitivity.py).
    A holder without health and social data never sees an outcome linked to a sensitive effort;
    the link stays when the effort's flag changes, so the flag alone decides."""

    __tablename__ = "outcome_effort"

    outcome_id: Mapped[int] = mapped_column(ForeignKey("outcome.id"), primary_key=True)
    effort_id: Mapped[int] = mapped_column(ForeignKey("effort.id"), primary_key=True, index=True)

    outcome: Mapped[Outcome] = relationship(back_populates="efforts")


class OutcomeVersion(db.Model):
    """One wording of an outcome. A draft until `published_at` is set; frozen from then on."""

    __tablename__ = "outcome_version"
    __table_args__ = (
        UniqueConstraint("outcome_id", "number", name="number"),
        CheckConstraint("appeal_weeks BETWEEN 1 AND 52", name="appeal_weeks"),
        # At most one draft per outcome at a time.
        Index(
            "ix_outcome_version_one_draft",
            "outcome_id",
            unique=True,
            sqlite_where=text("published_at IS NULL"),
            postgresql_where=text("published_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    outcome_id: Mapped[int] = mapped_column(ForeignKey("outcome.id"), index=True)
    number: Mapped[int]
    title: Mapped[str] = mapped_column(String(120))
    # The plain-language part, written for the citizen.
    decided: Mapped[str] = mapped_column(Text)  # "Det blev besluttet"
    meaning: Mapped[str] = mapped_column(Text)  # "Det betyder for dig"
    next_steps: Mapped[str] = mapped_column(Text)  # "Det sker nu"
    if_you_disagree: Mapped[str] = mapped_column(Text)  # "Hvis du er uenig"
    formal_text: Mapped[str] = mapped_column(Text)
    decision_date: Mapped[date]
    # Decisions: receipt date and appeal period when the case says otherwise than the default.
    received_date: Mapped[date | None]
    appeal_weeks: Mapped[int] = mapped_column(default=4)
    # Decisions: where to send an appeal, when not to the organisation's appeal address/channel.
    appeal_route: Mapped[str | None] = mapped_column(Text)
    # Recommendations: when the municipality's decision is expected.
    decision_expected: Mapped[date | None]
    # Corrections: what was corrected, in plain words.
    correction_note: Mapped[str | None] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))

    outcome: Mapped[Outcome] = relationship(back_populates="versions")
    author: Mapped[Person | None] = relationship(foreign_keys=[author_id])
    receipts: Mapped[list[OutcomeReceipt]] = relationship(
        back_populates="version", order_by="OutcomeReceipt.read_at"
    )

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class OutcomeReceipt(db.Model):
    """The citizen said "Jeg har læst det" for one version."""

    __tablename__ = "outcome_receipt"
    __table_args__ = (UniqueConstraint("version_id", "reader_id", name="once"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("outcome_version.id"), index=True)
    reader_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    read_at: Mapped[datetime] = mapped_column(UTCDateTime())

    version: Mapped[OutcomeVersion] = relationship(back_populates="receipts")


class PublishedOutcomeIsFrozen(RuntimeError):
    pass


@event.listens_for(Session, "before_flush")
def _refuse_published_rewrites(session: Session, flush_context, instances) -> None:
    """What the citizen has been shown is never rewritten in place, whatever code tries."""
    for obj in list(session.dirty) + list(session.deleted):
        if not isinstance(obj, OutcomeVersion):
            continue
        state = inspect(obj)
        if "published_at" in state.unloaded and obj not in session.deleted:
            session.refresh(obj, ["published_at"])  # expired after a commit: read what is stored
        history = state.attrs.published_at.history
        was_published = any(v is not None for v in (*history.unchanged, *history.deleted))
        if was_published and (
            obj in session.deleted or session.is_modified(obj, include_collections=False)
        ):
            raise PublishedOutcomeIsFrozen("a published outcome version is never changed")
