"""Conversations with the job centre: published slots, deadline windows, bookings, exemptions.

Bookings are never deleted: a rebooked or cancelled booking keeps its row with a new status, so
the history of who booked what stays readable. The database itself guarantees that a slot holds
at most one active booking, and a citizen at most one active booking per deadline window.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.people import Person
from portal.models.types import UTCDateTime


class ConversationForm(StrEnum):
    IN_PERSON = "fremmoede"
    PHONE = "telefon"
    VIDEO = "video"


class BookingStatus(StrEnum):
    ACTIVE = "active"
    REBOOKED = "rebooked"  # replaced by another booking in the same window
    CANCELLED = "cancelled"


class BookingKind(StrEnum):
    SELF = "self"  # the citizen (or someone for them) booked it
    SUMMONS = "summons"  # the caseworker summoned an exempted citizen


def _in(values: type[StrEnum]) -> str:
    return ", ".join(f"'{v.value}'" for v in values)


ACTIVE = text("status = 'active'")


class Slot(db.Model):
    """A time a caseworker has published for conversations."""

    __tablename__ = "slot"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        Index("ix_slot_caseworker_starts", "caseworker_id", "starts_at", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    caseworker_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # The forms the slot allows, as a comma-separated list of ConversationForm values.
    forms: Mapped[str] = mapped_column(String(40))
    place: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    caseworker: Mapped[Person] = relationship(foreign_keys=[caseworker_id])

    @property
    def form_list(self) -> list[str]:
        return [f for f in self.forms.split(",") if f]


class DeadlineWindow(db.Model):
    """A frist: the days within which the citizen's next conversation must be held."""

    __tablename__ = "deadline_window"
    __table_args__ = (
        CheckConstraint("closes_on >= opens_on", name="closes_after_opening"),
        CheckConstraint("change_cutoff_hours >= 0", name="cutoff_not_negative"),
        Index("ix_deadline_window_citizen_closes", "citizen_id", "closes_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    opens_on: Mapped[date]
    closes_on: Mapped[date]
    topic: Mapped[str] = mapped_column(String(120))
    change_cutoff_hours: Mapped[int] = mapped_column(default=24)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Booking(db.Model):
    __tablename__ = "booking"
    __table_args__ = (
        CheckConstraint(f"status IN ({_in(BookingStatus)})", name="status"),
        CheckConstraint(f"kind IN ({_in(BookingKind)})", name="kind"),
        CheckConstraint(f"form IN ({_in(ConversationForm)})", name="form"),
        # The heart of it: two requests racing for one slot cannot both win.
        Index(
            "uq_booking_active_slot",
            "slot_id",
            unique=True,
            sqlite_where=ACTIVE,
            postgresql_where=ACTIVE,
        ),
        Index(
            "uq_booking_active_window",
            "citizen_id",
            "window_id",
            unique=True,
            sqlite_where=ACTIVE,
            postgresql_where=ACTIVE,
        ),
        # The caseworker's history and the ended conversations, newest first (migration 0020)
        Index("ix_booking_citizen_booked", "citizen_id", "booked_at"),
        Index("ix_booking_citizen_ended", "citizen_id", "ended_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("slot.id"), index=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    window_id: Mapped[int | None] = mapped_column(ForeignKey("deadline_window.id"))
    kind: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(10))
    form: Mapped[str] = mapped_column(String(10))
    topic: Mapped[str] = mapped_column(String(120))
    note: Mapped[str | None] = mapped_column(String(500))
    # The language of the interpreter the citizen needs; empty when none is needed.
    interpreter_language: Mapped[str | None] = mapped_column(String(60))
    booked_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    booked_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    ended_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    cancel_reason: Mapped[str | None] = mapped_column(String(500))
    replaced_by_id: Mapped[int | None] = mapped_column(ForeignKey("booking.id"))

    slot: Mapped[Slot] = relationship(foreign_keys=[slot_id])
    window: Mapped[DeadlineWindow | None] = relationship(foreign_keys=[window_id])
    ended_by: Mapped[Person | None] = relationship(foreign_keys=[ended_by_id])
    replaced_by: Mapped[Booking | None] = relationship(
        foreign_keys=[replaced_by_id], remote_side=[id]
    )


class Exemption(db.Model):
    """Exempting (or no longer exempting) a citizen from self-booking. The newest row counts."""

    __tablename__ = "booking_exemption"

    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    exempted: Mapped[bool]
    reason: Mapped[str] = mapped_column(String(500))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime())

    actor: Mapped[Person | None] = relationship(foreign_keys=[actor_id])


class CallbackRequest(db.Model):
    """ "Ring mig op": the citizen found no free time and asks the caseworker to call."""

    __tablename__ = "callback_request"
    # One request per window, decided by the database so two simultaneous presses make one.
    __table_args__ = (
        UniqueConstraint("citizen_id", "window_id", name="uq_callback_request_citizen_window"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    window_id: Mapped[int | None] = mapped_column(ForeignKey("deadline_window.id"))
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    # The caseworker marked it as handled (called back), with an optional short note.
    handled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    handled_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    handled_note: Mapped[str | None] = mapped_column(String(500))


class BookingHelpRequest(db.Model):
    """ "Jeg kan ikke booke selv": the citizen asks the job centre to book for them, with a
    reason; the caseworker answers once, by summoning (after exempting) or by booking."""

    __tablename__ = "booking_help_request"
    __table_args__ = (
        UniqueConstraint("citizen_id", "window_id", name="uq_booking_help_request_citizen_window"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    window_id: Mapped[int | None] = mapped_column(ForeignKey("deadline_window.id"))
    reason: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(String(500))
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    answer: Mapped[str | None] = mapped_column(String(10))  # summon | book
    booking_id: Mapped[int | None] = mapped_column(ForeignKey("booking.id"))

    booking: Mapped[Booking | None] = relationship(foreign_keys=[booking_id])
