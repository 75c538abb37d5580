"""The caseworker publishes free slots in bulk ("tirsdage og torsdage 9-12, 30 minutter").

Days that are not working days because of a holiday (public holidays, Grundlovsdag, 24 and 31
December: `portal.services.working_days`) get no slots unless the caseworker asks for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal import clock
from portal.models import ConversationForm, Slot
from portal.services.booking.rules import FORMS, MAX_SLOTS_PER_PUBLISH, PLACE_MAX
from portal.services.errors import DomainError
from portal.services.working_days import is_holiday

LENGTHS = (15, 20, 30, 45, 60)
MAX_PERIOD_DAYS = 92


@dataclass(frozen=True)
class SlotPlan:
    first_day: date | None
    last_day: date | None
    weekdays: list[int]  # 0 = Monday
    start: time | None
    end: time | None
    minutes: int | None
    forms: list[str]
    place: str | None
    include_holidays: bool = False  # also publish on holidays, 24/12, 31/12 and 5/6


def _checked_place(plan: SlotPlan) -> str | None:
    """Refuse a plan that cannot be published, with the reason tied to its field."""
    if plan.first_day is None:
        raise DomainError("date_required", field="first_day")
    if plan.last_day is None:
        raise DomainError("date_required", field="last_day")
    if plan.last_day < plan.first_day:
        raise DomainError("closes_before_opening", field="last_day")
    if (plan.last_day - plan.first_day).days > MAX_PERIOD_DAYS:
        raise DomainError("period_too_long", field="last_day")
    if not plan.weekdays or any(d not in range(7) for d in plan.weekdays):
        raise DomainError("weekdays_required", field="weekdays")
    if plan.start is None:
        raise DomainError("time_required", field="start")
    if plan.end is None:
        raise DomainError("time_required", field="end")
    if plan.end <= plan.start:
        raise DomainError("end_before_start", field="end")
    if plan.minutes not in LENGTHS:
        raise DomainError("length_invalid", field="minutes")
    if not plan.forms or any(f not in FORMS for f in plan.forms):
        raise DomainError("forms_required", field="forms")
    place = (plan.place or "").strip() or None
    if ConversationForm.IN_PERSON in plan.forms and not place:
        raise DomainError("place_required", field="place")
    if place and len(place) > PLACE_MAX:
        raise DomainError("place_too_long", field="place")
    return place


def _starts(plan: SlotPlan):
    """Every start the plan names, in order (Danish wall-clock times on the chosen weekdays,
    holidays left out unless the plan includes them)."""
    day = plan.first_day
    while day <= plan.last_day:
        if day.weekday() in plan.weekdays and (plan.include_holidays or not is_holiday(day)):
            minute = plan.start.hour * 60 + plan.start.minute
            last = plan.end.hour * 60 + plan.end.minute
            while minute + plan.minutes <= last:
                yield clock.at_local(day, minute // 60, minute % 60)
                minute += plan.minutes
        day += timedelta(days=1)


def publish_slots(
    session: Session, caseworker_id: int, plan: SlotPlan, *, now: datetime
) -> list[Slot]:
    """Publish the plan's future slots. Slots that start at the same time as one already
    published are skipped, so publishing twice adds nothing (and is refused as such)."""
    place = _checked_place(plan)
    existing = set(
        session.scalars(select(Slot.starts_at).where(Slot.caseworker_id == caseworker_id))
    )
    forms = ",".join(f for f in FORMS if f in plan.forms)
    created: list[Slot] = []
    for starts in _starts(plan):
        if starts > now and starts not in existing:
            created.append(
                Slot(
                    caseworker_id=caseworker_id,
                    starts_at=starts,
                    ends_at=starts + timedelta(minutes=plan.minutes),
                    forms=forms,
                    place=place,
                    created_at=now,
                )
            )
            existing.add(starts)
    if not created:
        raise DomainError("no_slots_created")
    if len(created) > MAX_SLOTS_PER_PUBLISH:
        raise DomainError("too_many_slots")
    session.add_all(created)
    session.flush()
    return created
