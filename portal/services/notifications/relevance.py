"""The re-check at send time: is the message still true? A reminder for a booking that was
cancelled or moved, for a meeting that moved, or for a task that is done, is dropped. Whether a
task is still open is the tasks service's answer (the front page's "Det skal du gøre")."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from portal import clock
from portal.models import (
    Booking,
    BookingStatus,
    DeadlineWindow,
    Fuldmagt,
    Meeting,
    Notification,
)
from portal.services import tasks


def _open_task(session: Session, citizen_id: int, kind: tasks.TaskKind, now: datetime) -> list:
    return [t for t in tasks.overview(session, citizen_id, now).tasks if t.kind == kind]


def still_true(session: Session, row: Notification, now: datetime) -> bool:
    refs = row.refs or {}
    key = refs.get("copy_of", row.message_key)
    if "copy_of" in refs:  # a delegate's copy: only while the fuldmagt stands
        fuldmagt = session.get(Fuldmagt, refs.get("fuldmagt_id"))
        if fuldmagt is None or fuldmagt.ended or not fuldmagt.valid_on(clock.local(now).date()):
            return False
    if key == "conversation_tomorrow":
        booking = session.get(Booking, refs.get("booking_id"))
        return booking is not None and booking.status == BookingStatus.ACTIVE
    if key == "window_closing":
        window = session.get(DeadlineWindow, refs.get("window_id"))
        if window is None or not row.event_key.endswith(window.closes_on.isoformat()):
            return False
        return any(
            t.due == window.closes_on
            for t in _open_task(session, row.citizen_id, tasks.TaskKind.BOOK, now)
        )
    if key in ("meeting_tomorrow", "participation_due", "meeting_changed"):
        meeting = session.get(Meeting, refs.get("meeting_id"))
        if meeting is None or meeting.starts_at.isoformat() != refs.get("starts_at"):
            return False
        if key == "participation_due":
            return bool(_open_task(session, row.citizen_id, tasks.TaskKind.PARTICIPATION, now))
        return True
    if key == "fuldmagt_ending":
        fuldmagt = session.get(Fuldmagt, refs.get("fuldmagt_id"))
        return (
            fuldmagt is not None
            and not fuldmagt.ended
            and fuldmagt.ends_on.isoformat() == refs.get("ends_on")
        )
    return True
