"""Conversations: deadline windows, free slots, booking, rebooking, cancelling, exemption, summons.

Correctness under contention is left to the database: a partial unique index allows one active
booking per slot and one per citizen and window. `book` and `rebook` simply INSERT; when two
requests race, the loser's INSERT fails with an IntegrityError, which we turn into `SlotTaken`.
The caller must then roll the session back (the transaction is spoiled) and may ask
`held_booking` whether the "loser" was in fact the same citizen pressing twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from portal import clock
from portal.models import (
    Booking,
    BookingKind,
    BookingStatus,
    CallbackRequest,
    ConversationForm,
    DeadlineWindow,
    Exemption,
    Person,
    Slot,
)
from portal.services.errors import DomainError, NotFound

NOTE_MAX = 500
REASON_MAX = 500
TOPIC_MAX = 120
PLACE_MAX = 200
DEFAULT_CUTOFF_HOURS = 24
MAX_SLOTS_PER_PUBLISH = 300
FORMS = tuple(f.value for f in ConversationForm)


class SlotTaken(DomainError):
    """Someone else got the slot first (or it was never free)."""

    def __init__(self):
        super().__init__("slot_taken", field="slot")


# --- Reading -----------------------------------------------------------------------------


def is_exempted(session: Session, citizen_id: int) -> bool:
    latest = latest_exemption(session, citizen_id)
    return bool(latest and latest.exempted)


def latest_exemption(session: Session, citizen_id: int) -> Exemption | None:
    return session.scalar(
        select(Exemption)
        .where(Exemption.citizen_id == citizen_id)
        .order_by(Exemption.at.desc(), Exemption.id.desc())
        .limit(1)
    )


def open_window(session: Session, citizen_id: int, today: date) -> DeadlineWindow | None:
    """The deadline window that is open now (the newest one that has not closed)."""
    return session.scalar(
        select(DeadlineWindow)
        .where(DeadlineWindow.citizen_id == citizen_id, DeadlineWindow.closes_on >= today)
        .order_by(DeadlineWindow.created_at.desc(), DeadlineWindow.id.desc())
        .limit(1)
    )


def in_window(window: DeadlineWindow, moment: datetime) -> bool:
    """Whether an instant falls on one of the window's days, as they are in Denmark."""
    return window.opens_on <= clock.local(moment).date() <= window.closes_on


def change_deadline(booking: Booking) -> datetime:
    """The last instant the citizen can rebook or cancel: the cut-off before the start.

    Counted in elapsed hours (24 hours are 24 hours, also over a change to or from summer time).
    """
    hours = booking.window.change_cutoff_hours if booking.window else DEFAULT_CUTOFF_HOURS
    return booking.slot.starts_at - timedelta(hours=hours)


def can_change(booking: Booking, now: datetime) -> bool:
    """Rebook/cancel is possible strictly before the cut-off; exactly at it, it has closed."""
    return (
        booking.status == BookingStatus.ACTIVE
        and booking.kind == BookingKind.SELF
        and now < change_deadline(booking)
    )


def _active_on_slot():
    other = aliased(Booking)
    return exists().where(other.slot_id == Slot.id, other.status == BookingStatus.ACTIVE)


def _window_bounds(window: DeadlineWindow) -> tuple[datetime, datetime]:
    start = clock.at_local(window.opens_on, 0)
    end = clock.at_local(window.closes_on + timedelta(days=1), 0)
    return start, end


def free_slots(
    session: Session, citizen: Person, window: DeadlineWindow, now: datetime
) -> list[Slot]:
    """Free future slots of the citizen's caseworker inside the window, the nearest first."""
    if citizen.caseworker_id is None:
        return []
    start, end = _window_bounds(window)
    return list(
        session.scalars(
            select(Slot)
            .where(
                Slot.caseworker_id == citizen.caseworker_id,
                Slot.starts_at >= start,
                Slot.starts_at < end,
                Slot.starts_at > now,
                ~_active_on_slot(),
            )
            .order_by(Slot.starts_at, Slot.id)
        )
    )


@dataclass(frozen=True)
class Day:
    day: date
    slots: list[Slot]


def by_day(slots: list[Slot]) -> list[Day]:
    days: dict[date, list[Slot]] = {}
    for slot in slots:
        days.setdefault(clock.local(slot.starts_at).date(), []).append(slot)
    return [Day(day, found) for day, found in sorted(days.items())]


def booking_of(session: Session, citizen_id: int, booking_id: int) -> Booking:
    """The booking, only if it is this citizen's."""
    found = session.scalar(
        select(Booking).where(Booking.id == booking_id, Booking.citizen_id == citizen_id)
    )
    if found is None:
        raise NotFound("booking")
    return found


def held_booking(session: Session, citizen_id: int, slot_id: int) -> Booking | None:
    """The citizen's active booking of this slot, if they hold it (a replayed form)."""
    return session.scalar(
        select(Booking).where(
            Booking.citizen_id == citizen_id,
            Booking.slot_id == slot_id,
            Booking.status == BookingStatus.ACTIVE,
        )
    )


def active_in_window(session: Session, citizen_id: int, window_id: int) -> Booking | None:
    return session.scalar(
        select(Booking).where(
            Booking.citizen_id == citizen_id,
            Booking.window_id == window_id,
            Booking.status == BookingStatus.ACTIVE,
        )
    )


@dataclass(frozen=True)
class Conversations:
    upcoming: list[Booking]
    past: list[Booking]


def conversations(session: Session, citizen_id: int, now: datetime) -> Conversations:
    """The citizen's active conversations, upcoming (soonest first) and past (newest first)."""
    rows = session.scalars(
        select(Booking)
        .join(Slot, Booking.slot_id == Slot.id)
        .where(Booking.citizen_id == citizen_id, Booking.status == BookingStatus.ACTIVE)
        .order_by(Slot.starts_at)
    ).all()
    upcoming = [b for b in rows if b.slot.ends_at > now]
    past = [b for b in rows if b.slot.ends_at <= now]
    past.reverse()
    return Conversations(upcoming=upcoming, past=past)


def callback_requests(session: Session, citizen_id: int) -> list[CallbackRequest]:
    return list(
        session.scalars(
            select(CallbackRequest)
            .where(CallbackRequest.citizen_id == citizen_id)
            .order_by(CallbackRequest.at.desc())
        )
    )


def all_bookings(session: Session, citizen_id: int) -> list[Booking]:
    """Every booking of the citizen, including rebooked and cancelled ones, newest first."""
    return list(
        session.scalars(
            select(Booking)
            .where(Booking.citizen_id == citizen_id)
            .order_by(Booking.booked_at.desc(), Booking.id.desc())
        )
    )


def slot_by_id(session: Session, slot_id: int | None) -> Slot | None:
    return session.get(Slot, slot_id) if slot_id is not None else None


# --- Checking a choice --------------------------------------------------------------------


def check_choice(
    session: Session,
    citizen: Person,
    slot_id: int | None,
    form: str | None,
    note: str | None,
    now: datetime,
    *,
    rebooking: Booking | None = None,
) -> tuple[DeadlineWindow, Slot]:
    """Refuse what cannot be booked, with the reason tied to the field. Changes nothing."""
    if is_exempted(session, citizen.id):
        raise DomainError("exempted")
    window = open_window(session, citizen.id, clock.local(now).date())
    if rebooking is not None:
        window = rebooking.window
        if not can_change(rebooking, now):
            raise DomainError("past_cutoff")
    if window is None:
        raise DomainError("no_window")
    slot = session.get(Slot, slot_id) if slot_id else None
    if slot is None or slot.caseworker_id != citizen.caseworker_id:
        raise DomainError("slot_unknown", field="slot")
    if slot.starts_at <= now:
        raise DomainError("slot_past", field="slot")
    if not in_window(window, slot.starts_at):
        raise DomainError("slot_outside_window", field="slot")
    if rebooking is not None and rebooking.slot_id == slot.id:
        raise DomainError("same_slot", field="slot")
    taken = session.scalar(
        select(Booking.citizen_id).where(
            Booking.slot_id == slot.id, Booking.status == BookingStatus.ACTIVE
        )
    )
    if taken is not None and not (taken == citizen.id and rebooking is None):
        raise SlotTaken()
    if form is not None and form not in slot.form_list:
        raise DomainError("form_not_allowed", field="form")
    if note is not None and len(note) > NOTE_MAX:
        raise DomainError("note_too_long", field="note")
    return window, slot


# --- Changes ------------------------------------------------------------------------------


def _insert(session: Session, booking: Booking) -> Booking:
    session.add(booking)
    try:
        session.flush()
    except IntegrityError as error:
        raise SlotTaken() from error
    return booking


def book(
    session: Session,
    citizen: Person,
    slot_id: int | None,
    form: str | None,
    note: str | None,
    *,
    actor_id: int | None,
    now: datetime,
) -> Booking:
    """Book a free slot in the open window. Pressing twice books once (returns the booking).

    Raises SlotTaken when another booking won; the session must then be rolled back.
    """
    if not form:
        raise DomainError("form_required", field="form")
    note = (note or "").strip() or None
    window, slot = check_choice(session, citizen, slot_id, form, note, now)
    held = held_booking(session, citizen.id, slot.id)
    if held is not None:
        return held
    if active_in_window(session, citizen.id, window.id) is not None:
        raise DomainError("already_booked")
    return _insert(
        session, _self_booking(citizen, window, slot, form, window.topic, note, actor_id, now)
    )


def _self_booking(citizen, window, slot, form, topic, note, actor_id, now) -> Booking:
    return Booking(
        slot_id=slot.id,
        citizen_id=citizen.id,
        window_id=window.id,
        kind=BookingKind.SELF,
        status=BookingStatus.ACTIVE,
        form=form,
        topic=topic,
        note=note,
        booked_by_id=actor_id,
        booked_at=now,
    )


def rebook(
    session: Session,
    citizen: Person,
    old: Booking,
    slot_id: int | None,
    form: str | None,
    note: str | None,
    *,
    actor_id: int | None,
    now: datetime,
) -> Booking:
    """Move a booking to another free slot of the same window, in one transaction.

    The old row is marked first and flushed, so the one-active-per-window index is free for the
    new row; if the new slot is taken, the whole transaction is rolled back by the caller and
    the old booking stands.
    """
    if old.status != BookingStatus.ACTIVE:
        raise DomainError("not_active")
    if not form:
        raise DomainError("form_required", field="form")
    note = (note or "").strip() or None
    window, slot = check_choice(session, citizen, slot_id, form, note, now, rebooking=old)
    old.status = BookingStatus.REBOOKED
    old.ended_at = now
    old.ended_by_id = actor_id
    session.flush()  # frees the one-active-per-window index before the new row is inserted
    new = _insert(
        session, _self_booking(citizen, window, slot, form, old.topic, note, actor_id, now)
    )
    old.replaced_by_id = new.id
    return new


def cancel(
    session: Session, booking: Booking, reason: str | None, *, actor_id: int | None, now: datetime
) -> None:
    reason = (reason or "").strip() or None
    if reason is not None and len(reason) > REASON_MAX:
        raise DomainError("reason_too_long", field="reason")
    if booking.status != BookingStatus.ACTIVE:
        raise DomainError("not_active")
    if not can_change(booking, now):
        raise DomainError("past_cutoff")
    booking.status = BookingStatus.CANCELLED
    booking.cancel_reason = reason
    booking.ended_at = now
    booking.ended_by_id = actor_id


def request_callback(
    session: Session, citizen: Person, *, actor_id: int | None, now: datetime
) -> CallbackRequest:
    """Ask to be called. Asking again for the same window does not add a second request."""
    if is_exempted(session, citizen.id):
        raise DomainError("exempted")
    window = open_window(session, citizen.id, clock.local(now).date())
    if window is None:
        raise DomainError("no_window")
    existing = session.scalar(
        select(CallbackRequest).where(
            CallbackRequest.citizen_id == citizen.id, CallbackRequest.window_id == window.id
        )
    )
    if existing is not None:
        return existing
    request = CallbackRequest(
        citizen_id=citizen.id, window_id=window.id, requested_by_id=actor_id, at=now
    )
    try:
        with session.begin_nested():  # a simultaneous press may have won: keep theirs
            session.add(request)
    except IntegrityError:
        return session.scalar(
            select(CallbackRequest).where(
                CallbackRequest.citizen_id == citizen.id, CallbackRequest.window_id == window.id
            )
        )
    return request


# --- The caseworker's side ----------------------------------------------------------------


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
    topic = (topic or "").strip()
    if opens_on is None:
        raise DomainError("date_required", field="opens_on")
    if closes_on is None:
        raise DomainError("date_required", field="closes_on")
    if closes_on < opens_on:
        raise DomainError("closes_before_opening", field="closes_on")
    if closes_on < clock.local(now).date():
        raise DomainError("closes_in_past", field="closes_on")
    if not topic or len(topic) > TOPIC_MAX:
        raise DomainError("topic_length", field="topic")
    if cutoff_hours is None or not 0 <= cutoff_hours <= 24 * 14:
        raise DomainError("cutoff_range", field="cutoff_hours")
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
    return window


def set_exemption(
    session: Session,
    citizen_id: int,
    exempted: bool,
    reason: str | None,
    *,
    actor_id: int | None,
    now: datetime,
) -> Exemption:
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


def caseworker_free_slots(session: Session, caseworker_id: int, now: datetime) -> list[Slot]:
    return list(
        session.scalars(
            select(Slot)
            .where(Slot.caseworker_id == caseworker_id, Slot.starts_at > now, ~_active_on_slot())
            .order_by(Slot.starts_at, Slot.id)
        )
    )


def caseworker_slots(session: Session, caseworker_id: int, now: datetime) -> list[Slot]:
    return list(
        session.scalars(
            select(Slot)
            .where(Slot.caseworker_id == caseworker_id, Slot.starts_at > now)
            .order_by(Slot.starts_at, Slot.id)
        )
    )


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
    return _insert(
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


def publish_slots(
    session: Session, caseworker_id: int, plan: SlotPlan, *, now: datetime
) -> list[Slot]:
    """Publish slots in bulk ("tirsdage og torsdage 9-12, 30 minutter"). Slots that start at the
    same time as one already published are skipped, so publishing twice adds nothing."""
    if plan.first_day is None:
        raise DomainError("date_required", field="first_day")
    if plan.last_day is None:
        raise DomainError("date_required", field="last_day")
    if plan.last_day < plan.first_day:
        raise DomainError("closes_before_opening", field="last_day")
    if (plan.last_day - plan.first_day).days > 92:
        raise DomainError("period_too_long", field="last_day")
    if not plan.weekdays or any(d not in range(7) for d in plan.weekdays):
        raise DomainError("weekdays_required", field="weekdays")
    if plan.start is None:
        raise DomainError("time_required", field="start")
    if plan.end is None:
        raise DomainError("time_required", field="end")
    if plan.end <= plan.start:
        raise DomainError("end_before_start", field="end")
    if plan.minutes not in (15, 20, 30, 45, 60):
        raise DomainError("length_invalid", field="minutes")
    if not plan.forms or any(f not in FORMS for f in plan.forms):
        raise DomainError("forms_required", field="forms")
    place = (plan.place or "").strip() or None
    if ConversationForm.IN_PERSON in plan.forms and not place:
        raise DomainError("place_required", field="place")
    if place and len(place) > PLACE_MAX:
        raise DomainError("place_too_long", field="place")

    existing = set(
        session.scalars(select(Slot.starts_at).where(Slot.caseworker_id == caseworker_id))
    )
    forms = ",".join(f for f in FORMS if f in plan.forms)
    created: list[Slot] = []
    day = plan.first_day
    while day <= plan.last_day:
        if day.weekday() in plan.weekdays:
            minute = plan.start.hour * 60 + plan.start.minute
            last = plan.end.hour * 60 + plan.end.minute
            while minute + plan.minutes <= last:
                starts = clock.at_local(day, minute // 60, minute % 60)
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
                minute += plan.minutes
        day += timedelta(days=1)
    if not created:
        raise DomainError("no_slots_created")
    if len(created) > MAX_SLOTS_PER_PUBLISH:
        raise DomainError("too_many_slots")
    session.add_all(created)
    session.flush()
    return created


def active_bookings_on(session: Session, slot_ids: list[int]) -> list[Booking]:
    if not slot_ids:
        return []
    return list(
        session.scalars(
            select(Booking).where(
                Booking.slot_id.in_(slot_ids), Booking.status == BookingStatus.ACTIVE
            )
        )
    )
