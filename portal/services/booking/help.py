""" "Jeg kan ikke booke selv": a citizen who cannot book online asks the job centre to book for
them, with a reason; the caseworker answers in one step, by exempting and summoning the citizen
or by booking a time for them.

One request per deadline window (the database decides, like a call-me request); asking again in
the same window returns the first request. The request is answered once: its booking is named.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from portal import clock
from portal.models import Booking, BookingHelpRequest, BookingKind, BookingStatus, Person, Slot
from portal.services.booking.reading import active_in_window, is_exempted, open_window
from portal.services.booking.rules import NOTE_MAX, clean_text, in_window
from portal.services.booking.staff import set_exemption, summon
from portal.services.booking.store import insert_booking
from portal.services.errors import DomainError, NotFound
from portal.services.notifications import outbox

REASONS = ("no_slot_fits", "no_computer", "interpreter", "illness", "other")
SUMMON, BOOK = "summon", "book"


def help_request(session: Session, citizen_id: int, window_id: int) -> BookingHelpRequest | None:
    return session.scalar(
        select(BookingHelpRequest).where(
            BookingHelpRequest.citizen_id == citizen_id,
            BookingHelpRequest.window_id == window_id,
        )
    )


def ask_for_help(
    session: Session,
    citizen: Person,
    reason: str | None,
    note: str | None,
    *,
    actor_id: int | None,
    now: datetime,
) -> BookingHelpRequest:
    """Ask the job centre to book. Asking again in the same window returns the first request."""
    if is_exempted(session, citizen.id):
        raise DomainError("exempted")
    window = open_window(session, citizen.id, clock.local(now).date())
    if window is None:
        raise DomainError("no_window")
    if active_in_window(session, citizen.id, window.id) is not None:
        raise DomainError("already_booked")
    existing = help_request(session, citizen.id, window.id)
    if existing is not None:
        return existing
    if reason not in REASONS:
        raise DomainError("help_reason_required", field="reason")
    note = clean_text(note)
    if note and len(note) > NOTE_MAX:
        raise DomainError("note_too_long", field="note")
    request = BookingHelpRequest(
        citizen_id=citizen.id,
        window_id=window.id,
        reason=reason,
        note=note,
        requested_by_id=actor_id,
        at=now,
    )
    try:
        with session.begin_nested():
            session.add(request)
    except IntegrityError:
        return help_request(session, citizen.id, window.id)
    return request


def answer_help(
    session: Session,
    citizen: Person,
    request_id: int | None,
    how: str | None,
    *,
    slot_id: int | None,
    form: str | None,
    topic: str | None,
    exemption_reason: Callable[[str], str],
    actor_id: int,
    now: datetime,
) -> Booking:
    """One step: exempt the citizen and summon them into the slot (SUMMON), or book the slot for
    them and let them keep booking themselves (BOOK). The request then names its booking.
    `exemption_reason` words the exemption from the request's reason code."""
    request = session.get(BookingHelpRequest, request_id) if request_id else None
    if request is None or request.citizen_id != citizen.id:
        raise NotFound("help_request")
    if request.answered_at is not None:
        raise DomainError("help_already_answered")
    if how == SUMMON:
        if not is_exempted(session, citizen.id):
            reason = exemption_reason(request.reason)
            set_exemption(session, citizen.id, True, reason, actor_id=actor_id, now=now)
        booking = summon(session, citizen, slot_id, form, topic, actor_id=actor_id, now=now)
    elif how == BOOK:
        booking = _book_for(session, citizen, slot_id, form, topic, actor_id=actor_id, now=now)
    else:
        raise DomainError("help_answer_required")
    request.answered_at = now
    request.answered_by_id = actor_id
    request.answer = how
    request.booking_id = booking.id
    session.flush()
    return booking


def _book_for(session, citizen, slot_id, form, topic, *, actor_id, now) -> Booking:
    """A booking in the citizen's window, made by the caseworker; the citizen can move it."""
    window = open_window(session, citizen.id, clock.local(now).date())
    if window is None:
        raise DomainError("no_window")
    slot = session.get(Slot, slot_id) if slot_id else None
    if slot is None or slot.caseworker_id != actor_id:
        raise DomainError("slot_unknown", field="slot")
    if slot.starts_at <= now:
        raise DomainError("slot_past", field="slot")
    if not in_window(window, slot.starts_at):
        raise DomainError("slot_outside_window", field="slot")
    if not form or form not in slot.form_list:
        raise DomainError("form_not_allowed", field="form")
    topic = clean_text(topic) or window.topic
    if active_in_window(session, citizen.id, window.id) is not None:
        raise DomainError("already_booked")
    booked = insert_booking(
        session,
        Booking(
            slot_id=slot.id,
            citizen_id=citizen.id,
            window_id=window.id,
            kind=BookingKind.SELF,
            status=BookingStatus.ACTIVE,
            form=form,
            topic=topic[:120],
            booked_by_id=actor_id,
            booked_at=now,
        ),
    )
    outbox.booking_made(session, booked, actor_id=actor_id, now=now)
    return booked
