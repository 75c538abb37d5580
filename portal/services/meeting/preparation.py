"""The citizen's preparation: one topic per page, saved as drafts, sent to the caseworker."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.models import Meeting, Preparation, PreparationSending
from portal.services.errors import DomainError, NotFound
from portal.services.meeting.rules import ANSWER_MAX

# The preparation, one topic per page, in the order the citizen meets them.
SECTIONS = ("situation", "health", "abilities", "goal", "team_note", "companion")


def section_number(section: str) -> int:
    """Where a section comes, from 1; a section that does not exist is not found."""
    if section not in SECTIONS:
        raise NotFound("section")
    return SECTIONS.index(section) + 1


def preparation_of(session: Session, meeting: Meeting) -> Preparation | None:
    return session.scalar(select(Preparation).where(Preparation.meeting_id == meeting.id))


def save_answer(
    session: Session, meeting: Meeting, section: str, text: str | None, *, at: datetime
) -> Preparation:
    """Save one section as a draft. Saving the same text again only refreshes the saved time."""
    if section not in SECTIONS:
        raise NotFound("section")
    text = (text or "").strip() or None
    if text and len(text) > ANSWER_MAX:
        raise DomainError("answer_too_long", field="answer")
    preparation = preparation_of(session, meeting)
    if preparation is None:
        preparation = Preparation(meeting_id=meeting.id)
        session.add(preparation)
    setattr(preparation, section, text)
    preparation.saved_at = at
    session.flush()
    return preparation


def has_unsent_changes(preparation: Preparation | None) -> bool:
    if preparation is None or preparation.saved_at is None:
        return False
    return preparation.sent_at is None or preparation.saved_at > preparation.sent_at


def send_preparation(
    session: Session, meeting: Meeting, *, at: datetime, actor_id: int | None = None
) -> bool:
    """Send the preparation to the caseworker: a copy of the answers as they are now, which later
    drafts never change. Returns False when nothing new was there to send (a replayed send)."""
    preparation = preparation_of(session, meeting)
    if preparation is None or not any(getattr(preparation, s) for s in SECTIONS):
        raise DomainError("preparation_empty")
    if not has_unsent_changes(preparation):
        return False
    preparation.sent_at = at
    session.add(
        PreparationSending(
            meeting_id=meeting.id,
            sent_at=at,
            actor_id=actor_id,
            **{section: getattr(preparation, section) for section in SECTIONS},
        )
    )
    session.flush()
    return True


def last_sent(session: Session, meeting: Meeting) -> PreparationSending | None:
    """The preparation as the caseworker last received it."""
    return session.scalar(
        select(PreparationSending)
        .where(PreparationSending.meeting_id == meeting.id)
        .order_by(PreparationSending.sent_at.desc(), PreparationSending.id.desc())
        .limit(1)
    )


def next_section(section: str) -> str | None:
    index = SECTIONS.index(section)
    return SECTIONS[index + 1] if index + 1 < len(SECTIONS) else None


def previous_section(section: str) -> str | None:
    index = SECTIONS.index(section)
    return SECTIONS[index - 1] if index > 0 else None
