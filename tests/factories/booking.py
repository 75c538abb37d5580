"""Conversations: slots, deadline windows, exemptions and bookings, built on `people`.

Everything is placed relative to one fixed instant, `NOW` (a Monday at noon, Danish time), that
tests pass to the services as `now`, so no test depends on today's date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

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
from tests.factories import people

TODAY = date(2030, 3, 4)  # a Monday
NOW = clock.at_local(TODAY, 12)
ALL_FORMS = "fremmoede,telefon,video"


def slot(
    session,
    caseworker: Person,
    starts_at: datetime,
    *,
    minutes: int = 30,
    forms: str = ALL_FORMS,
    place: str | None = "Torvet 1",
) -> Slot:
    made = Slot(
        caseworker_id=caseworker.id,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=minutes),
        forms=forms,
        place=place,
        created_at=NOW - timedelta(days=7),
    )
    session.add(made)
    session.flush()
    return made


def slot_on(session, caseworker: Person, day: date, hour: int = 10, minute: int = 0, **fields):
    """A slot at a Danish wall-clock time on `day`."""
    return slot(session, caseworker, clock.at_local(day, hour, minute), **fields)


def window(
    session,
    citizen: Person,
    *,
    opens_on: date = TODAY,
    closes_on: date = TODAY + timedelta(days=11),
    topic: str = "Opfølgningssamtale",
    cutoff_hours: int = 24,
    opened_by: Person | None = None,
) -> DeadlineWindow:
    made = DeadlineWindow(
        citizen_id=citizen.id,
        opened_by_id=opened_by.id if opened_by else citizen.caseworker_id,
        opens_on=opens_on,
        closes_on=closes_on,
        topic=topic,
        change_cutoff_hours=cutoff_hours,
        created_at=NOW - timedelta(days=3),
    )
    session.add(made)
    session.flush()
    return made


def exemption(
    session, citizen: Person, *, exempted: bool = True, reason: str = "Syg", actor=None
) -> Exemption:
    made = Exemption(
        citizen_id=citizen.id,
        exempted=exempted,
        reason=reason,
        actor_id=actor.id if actor else citizen.caseworker_id,
        at=NOW - timedelta(days=1),
    )
    session.add(made)
    session.flush()
    return made


def booking(
    session,
    citizen: Person,
    booked: Slot,
    *,
    window: DeadlineWindow | None = None,
    kind: str = BookingKind.SELF,
    form: str = "telefon",
    topic: str = "Opfølgningssamtale",
) -> Booking:
    made = Booking(
        slot_id=booked.id,
        citizen_id=citizen.id,
        window_id=window.id if window else None,
        kind=kind,
        status=BookingStatus.ACTIVE,
        form=form,
        topic=topic,
        booked_by_id=citizen.id if kind == BookingKind.SELF else booked.caseworker_id,
        booked_at=NOW - timedelta(days=1),
    )
    session.add(made)
    session.flush()
    return made


@dataclass(frozen=True)
class Scene:
    """A caseworker, a citizen in their caseload with an open window, and free slots in it."""

    caseworker: Person
    citizen: Person
    window: DeadlineWindow
    slots: list[Slot]  # free, inside the window, well after any cut-off, nearest first


def citizen_with_window(session, *, days: int = 3, first_name: str = "Sofie") -> Scene:
    """Slots at 9:00 and 10:00 on `days` days from the fourth day of the window on."""
    caseworker = people.caseworker(session)
    citizen = people.citizen(session, first_name, caseworker=caseworker)
    opened = window(session, citizen)
    made = [
        slot_on(session, caseworker, TODAY + timedelta(days=3 + n), hour)
        for n in range(days)
        for hour in (9, 10)
    ]
    return Scene(caseworker, citizen, opened, made)
