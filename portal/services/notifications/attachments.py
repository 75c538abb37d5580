"""Calendar files attached to the booking e-mails: the new time as an invitation (REQUEST), and
for a move or a cancellation the old event's cancellation (CANCEL, its UID, a higher SEQUENCE),
so a calendar that holds the old time can remove it. Only what an e-mail may carry: no topic,
note or names (calendar_file's `private`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.orm import Session

from portal.models import Booking, Channel
from portal.services.calendar_file import conversation_ics

NEW_TIME = ("booking_made", "summons", "booking_moved")


def calendar_files(
    session: Session,
    message_key: str,
    refs: dict,
    *,
    channel: str,
    host: str,
    now: datetime,
    organiser: tuple[str, str] | None = None,
    translate: Callable[[str], str],
) -> list[tuple[str, str, bytes]]:
    if channel != Channel.EMAIL or message_key not in (*NEW_TIME, "booking_cancelled"):
        return []
    refs = refs or {}
    files = []

    def add(booking_id, method):
        booking = session.get(Booking, booking_id) if booking_id else None
        if booking is not None:
            body = conversation_ics(
                booking,
                host=host,
                now=now,
                translate=translate,
                method=method,
                private=True,
                organiser=organiser,
            )
            files.append((f"samtale-{booking.id}.ics", "text/calendar", body))

    if message_key in NEW_TIME:
        add(refs.get("booking_id"), "REQUEST")
    if message_key == "booking_moved":
        add(refs.get("old_booking_id"), "CANCEL")
    if message_key == "booking_cancelled":
        add(refs.get("booking_id"), "CANCEL")
    return files
