"""The citizen's changes: book within the deadline window, rebook, cancel, ask to be called.

Pressing twice is answered by the rules, not by the caller: booking a slot the citizen already
holds returns that booking, a move already made returns where it went, and asking to be called
again in the same window returns the first request.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from portal import clock
from portal.models import (
    Booking,
    BookingKind,
    BookingStatus,
    CallbackRequest,
    DeadlineWindow,
    Person,
    Slot,
)
from portal.services.booking.reading import (
    active_in_window,
    callback_in_window,
    held_booking,
    is_exempted,
    open_window,
    slot_holder,
)
from portal.services.booking.rules import (
    LANGUAGE_MAX,
    NOTE_MAX,
    REASON_MAX,
    SlotTaken,
    can_change,
    clean_text,
    in_window,
)
from portal.services.booking.store import insert_booking
from portal.services.errors import DomainError
from portal.services.notifications import outbox


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
    if slot_id is None:
        raise DomainError("slot_required", field="slot")
    slot = session.get(Slot, slot_id)
    if slot is None or slot.caseworker_id != citizen.caseworker_id:
        raise DomainError("slot_unknown", field="slot")
    if slot.starts_at <= now:
        raise DomainError("slot_past", field="slot")
    if not in_window(window, slot.starts_at):
        raise DomainError("slot_outside_window", field="slot")
    if rebooking is not None and rebooking.slot_id == slot.id:
        raise DomainError("same_slot", field="slot")
    taken = slot_holder(session, slot.id)
    if taken is not None and not (taken == citizen.id and rebooking is None):
        raise SlotTaken()
    if form is not None and form not in slot.form_list:
        raise DomainError("form_not_allowed", field="form")
    if note is not None and len(note) > NOTE_MAX:
        raise DomainError("note_too_long", field="note")
    return window, slot


def check_details(
    session: Session,
    citizen: Person,
    slot_id: int | None,
    form: str | None,
    note: str | None,
    now: datetime,
    *,
    rebooking: Booking | None = None,
    interpreter_language: str | None = None,
) -> tuple[DeadlineWindow, Slot]:
    """The whole choice before it is confirmed: the slot, the form (required), the note and the
    interpreter's language (if one is needed)."""
    found = check_choice(
        session, citizen, slot_id, form or None, clean_text(note), now, rebooking=rebooking
    )
    if not form:
        raise DomainError("form_required", field="form")
    check_language(interpreter_language)
    return found


def check_language(language: str | None) -> str | None:
    """The interpreter's language as stored (nothing when none is needed); refused when too long."""
    language = clean_text(language)
    if language is not None and len(language) > LANGUAGE_MAX:
        raise DomainError("interpreter_language_too_long", field="interpreter_language")
    return language


def book(
    session: Session,
    citizen: Person,
    slot_id: int | None,
    form: str | None,
    note: str | None,
    *,
    actor_id: int | None,
    now: datetime,
    interpreter_language: str | None = None,
) -> Booking:
    """Book a free slot in the open window. Pressing twice books once (returns the booking),
    also when both presses arrive at the same moment. Raises SlotTaken when someone else won."""
    if not form:
        raise DomainError("form_required", field="form")
    note = clean_text(note)
    language = check_language(interpreter_language)
    window, slot = check_choice(session, citizen, slot_id, form, note, now)
    held = held_booking(session, citizen.id, slot.id)
    if held is not None:
        return held
    active = active_in_window(session, citizen.id, window.id)
    if active is not None:
        if active.slot_id == slot.id:  # the other press was committed between the two looks
            return active
        raise DomainError("already_booked")
    made = _self_booking(citizen, window, slot, form, window.topic, note, actor_id, now)
    made.interpreter_language = language
    try:
        booked = insert_booking(session, made)
    except SlotTaken:
        held = held_booking(session, citizen.id, slot.id)  # the other press was this citizen's
        if held is not None:
            return held
        raise
    outbox.booking_made(session, booked, actor_id=actor_id, now=now)
    return booked


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
    interpreter_language: str | None = None,
) -> Booking:
    """Move a booking to another free slot of the same window, in one transaction.

    The same move sent again returns the booking it made. The old row is marked first and
    flushed, so the one-active-per-window index is free for the new row; if the new slot is
    taken (SlotTaken), the move is undone and the old booking stands.
    """
    if old.status != BookingStatus.ACTIVE:
        moved = session.get(Booking, old.replaced_by_id) if old.replaced_by_id else None
        if moved is not None and slot_id is not None and moved.slot_id == slot_id:
            return moved
        raise DomainError("not_active")
    if not form:
        raise DomainError("form_required", field="form")
    note = clean_text(note)
    language = check_language(interpreter_language)
    window, slot = check_choice(session, citizen, slot_id, form, note, now, rebooking=old)
    made = _self_booking(citizen, window, slot, form, old.topic, note, actor_id, now)
    made.interpreter_language = language
    with session.begin_nested():  # a lost race undoes the move, and `old` reads as before
        old.status = BookingStatus.REBOOKED
        old.ended_at = now
        old.ended_by_id = actor_id
        session.flush()  # frees the one-active-per-window index before the new row is inserted
        new = insert_booking(session, made)
        old.replaced_by_id = new.id
    outbox.booking_moved(session, old, new, actor_id=actor_id, now=now)
    return new


def cancel(
    session: Session, booking: Booking, reason: str | None, *, actor_id: int | None, now: datetime
) -> None:
    reason = clean_text(reason)
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
    outbox.booking_cancelled(session, booking, actor_id=actor_id, now=now)


def request_callback(
    session: Session, citizen: Person, *, actor_id: int | None, now: datetime
) -> CallbackRequest:
    """Ask to be called. Asking again for the same window does not add a second request."""
    if is_exempted(session, citizen.id):
        raise DomainError("exempted")
    window = open_window(session, citizen.id, clock.local(now).date())
    if window is None:
        raise DomainError("no_window")
    existing = callback_in_window(session, citizen.id, window.id)
    if existing is not None:
        return existing
    request = CallbackRequest(
        citizen_id=citizen.id, window_id=window.id, requested_by_id=actor_id, at=now
    )
    try:
        with session.begin_nested():  # a simultaneous press may have won: keep theirs
            session.add(request)
    except IntegrityError:
        return callback_in_window(session, citizen.id, window.id)
    return request
