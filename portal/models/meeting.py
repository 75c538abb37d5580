"""The rehabilitation meeting, its team, and the citizen's choices and preparation for it.

Consent and participation are append-only records: the current state is the latest record, and
the history the citizen sees is the list of records. Nothing is updated or deleted in place; the
one way they are ever deleted is a whole meeting's, inside `deleting_records` (retention of a past
meeting's preparation, and the demo loader's refresh).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, ORMExecuteState, Session, mapped_column, relationship

from portal.extensions import db
from portal.models.people import Person
from portal.models.types import UTCDateTime


class TeamRole(StrEnum):
    EMPLOYMENT = "employment"
    HEALTH = "health"  # incl. the region's sundhedskoordinator
    SOCIAL = "social"
    EDUCATION = "education"  # for citizens under 30
    COMPANY = "company"  # virksomhedskonsulent


class Mode(StrEnum):
    IN_PERSON = "fremmoede"
    VIRTUAL = "virtuelt"
    REPRESENTED = "repraesenteret"
    WITHOUT = "uden_deltagelse"


class RequestStatus(StrEnum):
    """The team's assessment of a request to have the case treated without the citizen."""

    PENDING = "afventer"
    ACCEPTED = "accepteret"
    DECLINED = "afvist"


class Source(StrEnum):
    """Why a participation record was written."""

    CHOICE = "choice"  # the citizen (or someone for them) chose
    CONSENT_WITHDRAWN = "consent_withdrawn"  # virtual is impossible without consent
    ASSESSMENT = "assessment"  # the caseworker answered a "uden deltagelse" request


def _in(values: type[StrEnum]) -> str:
    return ", ".join(f"'{v.value}'" for v in values)


class Meeting(db.Model):
    __tablename__ = "meeting"
    __table_args__ = (Index("ix_meeting_citizen_starts", "citizen_id", "starts_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    duration_minutes: Mapped[int] = mapped_column(default=30)
    place: Mapped[str | None] = mapped_column(String(200))
    video_url: Mapped[str | None] = mapped_column(String(300))
    # Until this instant the citizen can change consent given and participation mode.
    change_deadline: Mapped[datetime] = mapped_column(UTCDateTime())
    # The video link is shown this many minutes before the meeting starts.
    video_opens_minutes: Mapped[int] = mapped_column(default=15)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))

    citizen: Mapped[Person] = relationship(foreign_keys=[citizen_id])
    members: Mapped[list[MeetingMember]] = relationship(
        back_populates="meeting", order_by="MeetingMember.id", cascade="all, delete-orphan"
    )


class MeetingMember(db.Model):
    __tablename__ = "meeting_member"
    __table_args__ = (CheckConstraint(f"role IN ({_in(TeamRole)})", name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    name: Mapped[str | None] = mapped_column(String(120))

    meeting: Mapped[Meeting] = relationship(back_populates="members")


class ConsentRecord(db.Model):
    """One give or withdraw of consent to a virtual meeting."""

    __tablename__ = "consent_record"
    # Two requests racing to write "the next record" cannot both succeed: the database refuses
    # the second, so a double-click never writes two records (not a check-then-write race).
    __table_args__ = (UniqueConstraint("meeting_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    seq: Mapped[int]  # 1, 2, 3 ... per meeting
    given: Mapped[bool]
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    # The citizen the actor acted for, when that was not themself.
    on_behalf_of_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))

    meeting: Mapped[Meeting] = relationship()
    actor: Mapped[Person | None] = relationship(foreign_keys=[actor_id])


class ParticipationRecord(db.Model):
    """One choice of participation mode, or the team's assessment of a request."""

    __tablename__ = "participation_record"
    __table_args__ = (
        CheckConstraint(f"mode IN ({_in(Mode)})", name="mode"),
        CheckConstraint(f"status IS NULL OR status IN ({_in(RequestStatus)})", name="status"),
        CheckConstraint(f"source IN ({_in(Source)})", name="source"),
        UniqueConstraint("meeting_id", "seq"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    seq: Mapped[int]  # 1, 2, 3 ... per meeting, see ConsentRecord
    mode: Mapped[str] = mapped_column(String(20))
    representative_name: Mapped[str | None] = mapped_column(String(120))
    representative_relation: Mapped[str | None] = mapped_column(String(120))
    companion_name: Mapped[str | None] = mapped_column(String(120))
    # The language an interpreter is needed for; None: no interpreter is needed.
    interpreter_language: Mapped[str | None] = mapped_column(String(60))
    status: Mapped[str | None] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(20), default=Source.CHOICE)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    on_behalf_of_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))

    meeting: Mapped[Meeting] = relationship()
    actor: Mapped[Person | None] = relationship(foreign_keys=[actor_id])


class Preparation(db.Model):
    """The citizen's own part of the rehabilitation plan: a draft until sent."""

    __tablename__ = "preparation"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), unique=True)
    situation: Mapped[str | None] = mapped_column(Text)
    health: Mapped[str | None] = mapped_column(Text)
    abilities: Mapped[str | None] = mapped_column(Text)
    goal: Mapped[str | None] = mapped_column(Text)
    team_note: Mapped[str | None] = mapped_column(Text)
    companion: Mapped[str | None] = mapped_column(Text)
    saved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    meeting: Mapped[Meeting] = relationship()


class PreparationSending(db.Model):
    """What was sent to the caseworker, as it was sent. Later drafts never change it."""

    __tablename__ = "preparation_sending"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    situation: Mapped[str | None] = mapped_column(Text)
    health: Mapped[str | None] = mapped_column(Text)
    abilities: Mapped[str | None] = mapped_column(Text)
    goal: Mapped[str | None] = mapped_column(Text)
    team_note: Mapped[str | None] = mapped_column(Text)
    companion: Mapped[str | None] = mapped_column(Text)


class RecordIsAppendOnly(RuntimeError):
    pass


_RECORDS = (ConsentRecord, ParticipationRecord, PreparationSending)
_DELETING = "portal.deleting_meeting_records"


@event.listens_for(Session, "before_flush")
def _records_are_append_only(session: Session, flush_context, instances) -> None:
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, _RECORDS) and (obj in session.deleted or session.is_modified(obj)):
            raise RecordIsAppendOnly(f"{type(obj).__name__} rows are never changed")


@contextmanager
def deleting_records(session: Session) -> Iterator[None]:
    """The one path on which these records may be deleted: a DELETE statement (never an UPDATE,
    never a loaded object) inside this block. Callers delete whole meetings' records only."""
    session.info[_DELETING] = True
    try:
        yield
    finally:
        session.info.pop(_DELETING, None)


@event.listens_for(Session, "do_orm_execute")
def _statements_keep_records(state: ORMExecuteState) -> None:
    # The flush hook sees loaded objects only; an UPDATE or DELETE statement would go past it.
    if not (state.is_update or state.is_delete):
        return
    if state.is_delete and state.session.info.get(_DELETING):
        return
    if any(mapper.class_ in _RECORDS for mapper in state.all_mappers):
        raise RecordIsAppendOnly("consent, participation and sent preparations are never changed")
