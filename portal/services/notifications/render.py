"""The text of one outbox row in the recipient's language: filled in at send time from the ids
the row refers to, with dates and times only (portal/text/notifications.py keeps the rules)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from babel.dates import format_date, format_datetime
from sqlalchemy.orm import Session

from portal import clock
from portal.models import Booking, Channel, DeadlineWindow, Meeting, Notification
from portal.text import notifications as words

_WHEN = {"da": "EEEE 'den' d. MMMM y 'kl.' HH.mm", "en": "EEEE d MMMM y 'at' HH:mm"}
_DAY = {"da": "EEEE 'den' d. MMMM y", "en": "EEEE d MMMM y"}


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str


def when(moment: datetime, language: str) -> str:
    """A moment in Danish time with the date written out ("torsdag den 3. december 2026 kl. 14.10")."""
    return format_datetime(
        moment, _WHEN.get(language, _WHEN["da"]), tzinfo=clock.LOCAL_TZ, locale=language
    )


def day(value: date, language: str) -> str:
    return format_date(value, _DAY.get(language, _DAY["da"]), locale=language)


def values(session: Session, row: Notification, language: str) -> dict[str, str]:
    """The dates and times the message mentions, read from the rows it refers to."""
    refs = row.refs or {}
    found: dict[str, str] = {}
    if "booking_id" in refs and (booking := session.get(Booking, refs["booking_id"])):
        found["when"] = when(booking.slot.starts_at, language)
    if "window_id" in refs and (window := session.get(DeadlineWindow, refs["window_id"])):
        found["day"] = day(window.closes_on, language)
    if "meeting_id" in refs and (meeting := session.get(Meeting, refs["meeting_id"])):
        moment = meeting.change_deadline if row.message_key == "participation_due" else None
        found["when"] = when(moment or meeting.starts_at, language)
    for key in ("appeal_by", "ends_on"):
        if key in refs:
            found["day"] = day(date.fromisoformat(refs[key]), language)
    return found


def render(
    session: Session,
    row: Notification,
    *,
    language: str,
    translate: Callable[[str], str],
    sender: str,
) -> Rendered:
    message = words.MESSAGES[row.message_key]
    body = translate(message.text) % values(session, row, language)
    portal_line = translate(words.PORTAL_LINE)
    if row.channel == Channel.SMS:
        text = f"{translate(words.SMS_SENDER) % {'sender': sender}} {body} {portal_line}"
    else:
        signature = translate(words.SIGNATURE) % {"sender": sender}
        text = f"{body}\n\n{portal_line}\n\n{signature}\n"
    return Rendered(subject=translate(message.subject), text=text)
