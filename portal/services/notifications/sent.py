"""What was sent, or is waiting to be sent, to a person — for "Beskeder vi har sendt dig" and for
the caseworker's delivery status. Bounded lists, newest first."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.models import Notification

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
