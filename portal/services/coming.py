"""What happens soon for a citizen: the meeting, booked conversations and planned steps of the
plan, nearest first — the front page's "Det sker snart" (portal/services/tasks.py). Plain data,
one query per source with a LIMIT, no Flask."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import select, true
from sqlalchemy.orm import Session

from portal import clock
from portal.models import Booking, BookingStatus, Effort, EffortStatus, Meeting, Plan, Slot


class EventKind(StrEnum):
    MEETING = "meeting"
    CONVERSATION = "conversation"
    STEP = "step"


@dataclass(frozen=True)
class Event:
    kind: EventKind
    day: date
    at: datetime | None  # the instant, when there is one (meetings, conversations)
    title: str | None  # an effort's or conversation's own title; None for the meeting
    endpoint: str
    args: dict = field(default_factory=dict)
    needs: str = ""


def read_events(
    session: Session,
    citizen_id: int,
    meeting: Meeting | None,
    now: datetime,
    today: date,
    may: Callable[[str], bool],
    limit: int,
    include_sensitive: bool = True,
) -> list[Event]:
    events: list[Event] = []
    if meeting is not None and may("meeting.view"):
        events.append(
            Event(
                kind=EventKind.MEETING,
                day=clock.local(meeting.starts_at).date(),
                at=meeting.starts_at,
                title=None,
                endpoint="meeting.overview",
                needs="meeting.view",
            )
        )
    if may("booking.view"):
        rows = session.execute(
            select(Booking.id, Booking.topic, Slot.starts_at)
            .join(Slot, Slot.id == Booking.slot_id)
            .where(
                Booking.citizen_id == citizen_id,
                Booking.status == BookingStatus.ACTIVE,
                Slot.ends_at > now,
            )
            .order_by(Slot.starts_at, Booking.id)
            .limit(limit)
        ).all()
        events += [
            Event(
                kind=EventKind.CONVERSATION,
                day=clock.local(starts_at).date(),
                at=starts_at,
                title=topic,
                endpoint="booking.show",
                args={"booking_id": booking_id},
                needs="booking.view",
            )
            for booking_id, topic, starts_at in rows
        ]
    if may("plan.view"):
        rows = session.execute(
            select(Effort.id, Effort.title, Effort.start_date)
            .join(Plan, Plan.id == Effort.plan_id)
            .where(
                Plan.citizen_id == citizen_id,
                Effort.status == EffortStatus.PLANNED,
                Effort.start_date >= today,
                true() if include_sensitive else Effort.sensitive.is_(False),
            )
            .order_by(Effort.start_date, Effort.id)
            .limit(limit)
        ).all()
        events += [
            Event(
                kind=EventKind.STEP,
                day=start,
                at=None,
                title=title,
                endpoint="plan.effort",
                args={"effort_id": effort_id},
                needs="plan.view",
            )
            for effort_id, title, start in rows
        ]
    # By day; on one day, what has a time of day first, in time order.
    events.sort(key=lambda e: (e.day, e.at is None, e.at or now))
    return events[:limit]
