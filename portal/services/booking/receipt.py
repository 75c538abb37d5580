"""A conversation's receipt: what was booked, and what became of it (cancelled or moved), as one
plain value.

The receipt page (`/samtaler/<id>/kvittering`) and its plain-text download render this value; a
PDF made later renders the same value, so every form of the receipt says the same. The words live
with whoever renders it; here are only the facts, read in a fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from portal.models import Booking, BookingKind, BookingStatus, Person
from portal.services.booking.reading import booking_of

# What a receipt is about: the conversation stands, was cancelled, or was moved to another time.
BOOKED = "booked"
SUMMONED = "summoned"
CANCELLED = "cancelled"
MOVED = "moved"


@dataclass(frozen=True)
class ConversationReceipt:
    number: int  # the booking's id: the receipt number the job centre can look up
    state: str  # BOOKED, SUMMONED, CANCELLED or MOVED
    citizen_name: str
    starts_at: datetime
    ends_at: datetime
    form: str  # ConversationForm code
    place: str | None  # only for a conversation in person
    caseworker_name: str
    caseworker_title: str | None
    topic: str
    interpreter_language: str | None
    note: str | None
    booked_at: datetime
    booked_by_name: str | None  # None: the job centre (a summons, or someone since deleted)
    booked_by_citizen: bool
    ended_at: datetime | None = None  # cancelled or moved: when
    ended_by_name: str | None = None
    ended_by_citizen: bool = False
    cancel_reason: str | None = None
    moved_to: datetime | None = None  # moved: the new time
    moved_to_number: int | None = None  # moved: the new booking's receipt number

    @property
    def ended(self) -> bool:
        return self.state in (CANCELLED, MOVED)


def _state(booking: Booking) -> str:
    if booking.status == BookingStatus.CANCELLED:
        return CANCELLED
    if booking.status == BookingStatus.REBOOKED:
        return MOVED
    return SUMMONED if booking.kind == BookingKind.SUMMONS else BOOKED


def conversation_receipt(session: Session, citizen_id: int, booking_id: int) -> ConversationReceipt:
    """The receipt of one of this citizen's bookings (NotFound for anyone else's id)."""
    booking = booking_of(session, citizen_id, booking_id)
    citizen = session.get(Person, citizen_id)
    booked_by = session.get(Person, booking.booked_by_id) if booking.booked_by_id else None
    slot, caseworker = booking.slot, booking.slot.caseworker
    moved_to = booking.replaced_by if booking.status == BookingStatus.REBOOKED else None
    return ConversationReceipt(
        number=booking.id,
        state=_state(booking),
        citizen_name=citizen.full_name,
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        form=booking.form,
        place=slot.place if booking.form == "fremmoede" else None,
        caseworker_name=caseworker.full_name,
        caseworker_title=caseworker.job_title,
        topic=booking.topic,
        interpreter_language=booking.interpreter_language,
        note=booking.note,
        booked_at=booking.booked_at,
        booked_by_name=booked_by.full_name if booked_by else None,
        booked_by_citizen=booking.booked_by_id == citizen_id,
        ended_at=booking.ended_at,
        ended_by_name=booking.ended_by.full_name if booking.ended_by else None,
        ended_by_citizen=booking.ended_by_id == citizen_id,
        cancel_reason=booking.cancel_reason,
        moved_to=moved_to.slot.starts_at if moved_to else None,
        moved_to_number=moved_to.id if moved_to else None,
    )
