"""A conversation as a calendar file (RFC 5545), in Danish time, with a reminder the day before."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from icalendar import Alarm, Calendar, Event, Timezone

from portal import clock
from portal.models import Booking, BookingStatus
from portal.text import conversation_forms

REMINDER_BEFORE = timedelta(days=1)


def conversation_ics(booking: Booking, *, host: str, now: datetime) -> bytes:
    """The calendar file. A cancelled or rebooked booking is sent as cancelled, so a calendar
    that imported it earlier removes it when the file is opened again."""
    slot = booking.slot
    caseworker = slot.caseworker
    cal = Calendar()
    cal.add("prodid", "-//Jobcenter//Én plan//DA")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add_component(
        # The zone's rules around the conversation, so any calendar can read the local time.
        Timezone.from_tzid(
            "Europe/Copenhagen",
            first_date=date(clock.local(slot.starts_at).year - 1, 1, 1),
            last_date=date(clock.local(slot.ends_at).year + 1, 12, 31),
        )
    )

    event = Event()
    event.add("uid", f"samtale-{booking.id}@{host}")
    event.add("dtstamp", now)
    event.add("dtstart", clock.local(slot.starts_at))
    event.add("dtend", clock.local(slot.ends_at))
    event.add("summary", f"{booking.topic} med jobcentret")
    lines = [
        f"Form: {conversation_forms.described(booking.form)}",
        f"Sagsbehandler: {caseworker.full_name}",
    ]
    if caseworker.phone:
        lines.append(f"Telefon: {caseworker.phone}")
    if booking.note:
        lines.append(f"Din besked: {booking.note}")
    event.add("description", "\n".join(lines))
    if booking.form == "fremmoede" and slot.place:
        event.add("location", slot.place)
    active = booking.status == BookingStatus.ACTIVE
    event.add("status", "CONFIRMED" if active else "CANCELLED")
    event.add("sequence", 0 if active else 1)

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"I morgen: {booking.topic} med jobcentret")
    alarm.add("trigger", -REMINDER_BEFORE)
    event.add_component(alarm)
    cal.add_component(event)
    return cal.to_ical()
