"""The rules every part of booking shares: limits, the deadline window's days, the change cut-off.

Plain arithmetic on the objects given; nothing here reads or writes the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from portal import clock
from portal.models import (
    Booking,
    BookingKind,
    BookingStatus,
    ConversationForm,
    DeadlineWindow,
    Slot,
)
from portal.services.errors import DomainError
from portal.services.working_days import working_days_between

NOTE_MAX = 500
LANGUAGE_MAX = 60
REASON_MAX = 500
TOPIC_MAX = 120
PLACE_MAX = 200
DEFAULT_CUTOFF_HOURS = 24
MAX_CUTOFF_HOURS = 24 * 14
MAX_SLOTS_PER_PUBLISH = 300
FORMS = tuple(f.value for f in ConversationForm)


class SlotTaken(DomainError):
    """Someone else got the slot first (or it was never free)."""

    def __init__(self):
        super().__init__("slot_taken", field="slot")


def in_window(window: DeadlineWindow, moment: datetime) -> bool:
    """Whether an instant falls on one of the window's days, as they are in Denmark."""
    return window.opens_on <= clock.local(moment).date() <= window.closes_on


def working_days_in(window: DeadlineWindow, today: date | None = None) -> int:
    """The window's working days (holidays not counted), from `today` when given: how many
    days are left to hold the conversation on."""
    first = window.opens_on if today is None else max(window.opens_on, today)
    return working_days_between(first, window.closes_on)


def window_bounds(window: DeadlineWindow) -> tuple[datetime, datetime]:
    """The window as instants: from midnight of its first day to midnight after its last."""
    start = clock.at_local(window.opens_on, 0)
    end = clock.at_local(window.closes_on + timedelta(days=1), 0)
    return start, end


def change_deadline(booking: Booking) -> datetime:
    """The last instant the citizen can rebook or cancel: the cut-off before the start.

    Counted in elapsed hours (24 hours are 24 hours, also over a change to or from summer time).
    """
    return change_deadline_for(booking.slot, booking.window)


def change_deadline_for(slot: Slot, window: DeadlineWindow | None) -> datetime:
    """The cut-off a booking of `slot` in `window` would have (shown before it is booked)."""
    hours = window.change_cutoff_hours if window else DEFAULT_CUTOFF_HOURS
    return slot.starts_at - timedelta(hours=hours)


def can_change(booking: Booking, now: datetime) -> bool:
    """Rebook/cancel is possible strictly before the cut-off; exactly at it, it has closed."""
    return (
        booking.status == BookingStatus.ACTIVE
        and booking.kind == BookingKind.SELF
        and now < change_deadline(booking)
    )


def clean_text(value: str | None) -> str | None:
    """Free text as stored: trimmed, and nothing when only spaces were written."""
    return (value or "").strip() or None


@dataclass(frozen=True)
class Day:
    day: date
    slots: list[Slot]


def by_day(slots: list[Slot]) -> list[Day]:
    """Slots grouped by their Danish calendar day, the days in order."""
    days: dict[date, list[Slot]] = {}
    for slot in slots:
        days.setdefault(clock.local(slot.starts_at).date(), []).append(slot)
    return [Day(day, found) for day, found in sorted(days.items())]
