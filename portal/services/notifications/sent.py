"""What was sent, or is waiting to be sent, to a person — for "Beskeder vi har sendt dig" and for
the caseworker's delivery status. Bounded lists, newest first."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.models import Notification, Person
from portal.services.notifications.render import render

SHOWN = 50


def to_person(session: Session, person_id: int, limit: int = SHOWN) -> list[Notification]:
    return list(
        session.scalars(
            select(Notification)
            .where(Notification.recipient_id == person_id)
            .order_by(Notification.created_at.desc(), Notification.id.desc())
            .limit(limit)
        )
    )


def about_citizen(session: Session, citizen_id: int, limit: int = 20) -> list[Notification]:
    return list(
        session.scalars(
            select(Notification)
            .where(Notification.citizen_id == citizen_id)
            .order_by(Notification.created_at.desc(), Notification.id.desc())
            .limit(limit)
        )
    )


def rendered_latest(session: Session, translate_for, *, sender: str, limit: int = SHOWN):
    """Development: the newest rows of everyone, each with its text (as sent, or as it would be
    sent now)."""
    latest = session.scalars(
        select(Notification).order_by(Notification.id.desc()).limit(limit)
    ).all()
    shown = []
    for row in latest:
        if row.sent_text is None:
            language = session.get(Person, row.recipient_id).language or "da"
            text = render(
                session, row, language=language, translate=translate_for(language), sender=sender
            )
            shown.append((row, text.subject, text.text))
        else:
            shown.append((row, row.sent_subject, row.sent_text))
    return shown
