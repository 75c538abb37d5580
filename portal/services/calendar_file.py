"""A conversation as a calendar file (RFC 5545), in Danish time, with a reminder the day before.

Every booking is its own event (UID `samtale-<booking id>@<host>`). While the booking stands the
file publishes the event (SEQUENCE 0); once it is moved or cancelled, the same booking's file is a
cancellation (`METHOD:CANCEL`, the same UID, SEQUENCE 1), so a calendar that imported the event
removes it when the new file is opened. A move makes a new booking, so the new time is a new event.
The job centre is the event's ORGANIZER (iTIP, RFC 5546, wants one on PUBLISH and CANCEL; some
calendars ignore a cancellation without it).

The words are message ids; `translate` turns them into the reader's language (no Flask here).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from icalendar import Alarm, Calendar, Event, Timezone, vCalAddress

from portal import clock
from portal.models import Booking, BookingStatus
from portal.text import conversation_forms

REMINDER_BEFORE = timedelta(days=1)
PUBLISHED_SEQUENCE = 0
CANCELLED_SEQUENCE = 1


def N_(message: str) -> str:
    return message


SUMMARY = N_("%(topic)s med jobcentret")
PRIVATE_SUMMARY = N_("Samtale med jobcentret")
PRIVATE_CANCELLED_SUMMARY = N_("Aflyst: samtale med jobcentret")
PRIVATE_REMINDER = N_("I morgen: samtale med jobcentret")
CANCELLED_SUMMARY = N_("Aflyst: %(topic)s med jobcentret")
REMINDER = N_("I morgen: %(topic)s med jobcentret")
FORM_LINE = N_("Form: %(form)s")
CASEWORKER_LINE = N_("Sagsbehandler: %(name)s")
PHONE_LINE = N_("Telefon: %(phone)s")
NOTE_LINE = N_("Din besked: %(note)s")
INTERPRETER_LINE = N_("Tolk: %(language)s")
CANCELLED_LINE = N_("Denne tid er aflyst eller flyttet. Slet den fra din kalender.")


def event_uid(booking: Booking, host: str) -> str:
    return f"samtale-{booking.id}@{host}"


def uid_host(org_email: str) -> str:
    """The domain in every event's UID: the organisation's, the same in a downloaded file and an
    e-mailed one, so a cancellation sent later matches the event a calendar already holds."""
    return org_email.rpartition("@")[2] or "en-plan.invalid"


def conversation_ics(
    booking: Booking,
    *,
    host: str,
    now: datetime,
    translate: Callable[[str], str] = lambda text: text,
    method: str = "PUBLISH",
    private: bool = False,
    organiser: tuple[str, str] | None = None,
) -> bytes:
    """The calendar file: the event while the booking stands, its cancellation afterwards.

    `method` "REQUEST" for the file attached to an e-mail (an invitation the calendar offers to
    add). `private`: only what an e-mail may carry — no topic, note or names (the e-mail rules
    in portal/text/notifications.py): the summary says "Samtale med jobcentret"."""
    slot = booking.slot
    caseworker = slot.caseworker
    active = booking.status == BookingStatus.ACTIVE

    def say(message: str, **values: str) -> str:
        return translate(message) % values

    cal = Calendar()
    cal.add("prodid", "-//Jobcenter//Én plan//DA")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method if active else "CANCEL")
    cal.add_component(
        # The zone's rules around the conversation, so any calendar can read the local time.
        Timezone.from_tzid(
            "Europe/Copenhagen",
            first_date=date(clock.local(slot.starts_at).year - 1, 1, 1),
            last_date=date(clock.local(slot.ends_at).year + 1, 12, 31),
        )
    )

    event = Event()
    event.add("uid", event_uid(booking, host))
    event.add("dtstamp", now)
    if organiser is not None:
        name, email = organiser
        address = vCalAddress(f"mailto:{email}")
        address.params["cn"] = name
        event.add("organizer", address)
    event.add("dtstart", clock.local(slot.starts_at))
    event.add("dtend", clock.local(slot.ends_at))
    if private:
        event.add("summary", say(PRIVATE_SUMMARY if active else PRIVATE_CANCELLED_SUMMARY))
    else:
        event.add("summary", say(SUMMARY if active else CANCELLED_SUMMARY, topic=booking.topic))
    lines = [] if active else [say(CANCELLED_LINE)]
    lines.append(say(FORM_LINE, form=conversation_forms.described(booking.form, translate)))
    if not private:
        lines.append(say(CASEWORKER_LINE, name=caseworker.full_name))
        if caseworker.phone:
            lines.append(say(PHONE_LINE, phone=caseworker.phone))
        if booking.interpreter_language:
            lines.append(say(INTERPRETER_LINE, language=booking.interpreter_language))
        if booking.note:
            lines.append(say(NOTE_LINE, note=booking.note))
    event.add("description", "\n".join(lines))
    if booking.form == "fremmoede" and slot.place:
        # The place is written in Danish only: said so (RFC 5545 LANGUAGE), whatever the words
        # around it are in. The summary and description mix the reader's words with the topic,
        # so they carry no such mark.
        event.add("location", slot.place, parameters={"language": "da"})
    event.add("status", "CONFIRMED" if active else "CANCELLED")
    event.add("sequence", PUBLISHED_SEQUENCE if active else CANCELLED_SEQUENCE)

    if active:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        reminder = say(PRIVATE_REMINDER) if private else say(REMINDER, topic=booking.topic)
        alarm.add("description", reminder)
        alarm.add("trigger", -REMINDER_BEFORE)
        event.add_component(alarm)
    cal.add_component(event)
    return cal.to_ical()
