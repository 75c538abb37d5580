"""The caseworker's changes for one citizen: open a deadline window, exempt, summon."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from portal import clock
from portal.models import (
    Booking,
    BookingKind,
    BookingStatus,
    DeadlineWindow,
    Exemption,
    Person,
    Slot,
)
from portal.services.booking.reading import active_in_window, is_exempted, open_window
from portal.services.booking.rules import MAX_CUTOFF_HOURS, REASON_MAX, TOPIC_MAX, in_window
from portal.services.booking.store import insert_booking
from portal.services.errors import DomainError
from portal.services.notifications import outbox
from portal.services.working_days import working_days_between


def _same_window(window: DeadlineWindow | None, opens_on, closes_on, topic, cutoff_hours) -> bool:
    return (
        window is not None
        and window.opens_on == opens_on
        and window.closes_on == closes_on
        and window.topic == topic
        and window.change_cutoff_hours == cutoff_hours
    )


def open_deadline(
    session: Session,
    citizen_id: int,
    *,
    opens_on: date | None,
    closes_on: date | None,
    topic: str | None,
    cutoff_hours: int | None,
    actor_id: int | None,
    now: datetime,
) -> DeadlineWindow:
    """Open the citizen's next deadline window. When the window open now is already exactly
    this one (the form sent twice), it is returned and nothing is added."""
    topic = (topic or "").strip()
    if opens_on is None:
        raise DomainError("date_required", field="opens_on")
    if closes_on is None:
        raise DomainError("date_required", field="closes_on")
    if closes_on < opens_on:
        raise DomainError("closes_before_opening", field="closes_on")
    if closes_on < clock.local(now).date():
        raise DomainError("closes_in_past", field="closes_on")
    if working_days_between(opens_on, closes_on) == 0:
        raise DomainError("no_working_day", field="closes_on")
    if not topic or len(topic) > TOPIC_MAX:
        raise DomainError("topic_length", field="topic")
    if cutoff_hours is None or not 0 <= cutoff_hours <= MAX_CUTOFF_HOURS:
        raise DomainError("cutoff_range", field="cutoff_hours")
    current = open_window(session, citizen_id, clock.local(now).date())
    if _same_window(current, opens_on, closes_on, topic, cutoff_hours):
        return current
    window = DeadlineWindow(
        citizen_id=citizen_id,
        opened_by_id=actor_id,
        opens_on=opens_on,
        closes_on=closes_on,
        topic=topic,
        change_cutoff_hours=cutoff_hours,
        created_at=now,
    )
    session.add(window)
    session.flush()
    outbox.window_opened(session, window, now=now)
    return window


def set_exemption(
    session: Session,
    citizen_id: int,
    exempted: bool | None,
    reason: str | None,
    *,
    actor_id: int | None,
    now: datetime,
) -> Exemption:
    """Exempt the citizen from booking themselves (True) or end the exemption (False)."""
    if exempted not in (True, False):  # a tampered form: neither of the two buttons
        raise DomainError("exemption_unchanged")
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("reason_required", field="reason")
    if len(reason) > REASON_MAX:
        raise DomainError("reason_too_long", field="reason")
    if is_exempted(session, citizen_id) == exempted:
        raise DomainError("exemption_unchanged")
    row = Exemption(
        citizen_id=citizen_id, exempted=exempted, reason=reason, actor_id=actor_id, at=now
    )
    session.add(row)
    session.flush()
    return row


def summon(
    session: Session,
    citizen: Person,
    slot_id: int | None,
    form: str | None,
    topic: str | None,
    *,
    actor_id: int,
    now: datetime,
) -> Booking:
    """The caseworker books an exempted citizen into one of their own slots."""
    if not is_exempted(session, citizen.id):
        raise DomainError("not_exempted")
    slot = session.get(Slot, slot_id) if slot_id else None
    if slot is None or slot.caseworker_id != actor_id:
        raise DomainError("slot_unknown", field="slot")
    if slot.starts_at <= now:
        raise DomainError("slot_past", field="slot")
    if not form or form not in slot.form_list:
        raise DomainError("form_not_allowed", field="form")
    topic = (topic or "").strip()
    if not topic or len(topic) > TOPIC_MAX:
        raise DomainError("topic_length", field="topic")
    window = open_window(session, citizen.id, clock.local(now).date())
    if window is not None and not in_window(window, slot.starts_at):
        window = None  # a summons outside the window does not take the window's place
    if window is not None and active_in_window(session, citizen.id, window.id) is not None:
        raise DomainError("already_booked")
    booked = insert_booking(
        session,
        Booking(
            slot_id=slot.id,
            citizen_id=citizen.id,
            window_id=window.id if window else None,
            kind=BookingKind.SUMMONS,
            status=BookingStatus.ACTIVE,
            form=form,
            topic=topic,
            booked_by_id=actor_id,
            booked_at=now,
        ),
    )
    outbox.booking_made(session, booked, actor_id=actor_id, now=now)
    return booked
