"""What a change enqueues. Each function is called by the service that makes the change, inside
its transaction, and adds rows only: the recipient, the channel the person chose for this kind
of message, a message key and the ids it refers to. One row per event, recipient and channel;
enqueueing the same event again adds nothing.

Reminders are enqueued with the change that makes them due (a booking's reminder when it is
booked), for the moment they should go; the worker re-checks them at send time
(relevance.py), so a reminder for a booking that was since cancelled or moved is dropped, and the
moved booking's own reminder goes at its new time. The reminders of a booking, a deadline window,
a meeting and a fuldmagt are built by one function each (`booking_reminder`, `window_reminder`,
`meeting_reminders`, `fuldmagt_reminders`), which the back-fill (backfill.py) also calls for
things made before there were notifications: one copy of the rules.

`via` (lookups.py) is where enqueueing reads settings and fuldmagter and puts rows: the database
directly on the normal path, a batch's prefetched answers in the back-fill.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlalchemy.orm import Session

from portal import clock
from portal.models import (
    Booking,
    BookingKind,
    DeadlineWindow,
    Fuldmagt,
    Meeting,
    Notification,
    Outcome,
    OutcomeKind,
    OutcomeVersion,
    Urgency,
)
from portal.services import working_days
from portal.services.notifications import contact
from portal.services.notifications.lookups import COPY_HOLDERS_MAX, DIRECT, Lookups

REMINDER_HOUR = time(10, 0)  # reminders go in the morning, Danish time
CLOSING_WORKING_DAYS = 3  # "book before <date>" is repeated this many working days before
PARTICIPATION_DAYS = 2  # "choose how to take part" two days before the choice closes
FULDMAGT_ENDING_DAYS = 14  # both parties are told this many days before a fuldmagt ends
# Which fuldmagt scopes a kind of message concerns (for delegates' copies).
BOOKING_SCOPES = ("booke", "se")
MEETING_SCOPES = ("moede", "se")
OUTCOME_SCOPES = ("se",)


def enqueue(
    session: Session,
    *,
    recipient_id: int,
    citizen_id: int | None,
    message_key: str,
    event_key: str,
    refs: dict,
    urgency: Urgency,
    now: datetime,
    due_at: datetime | None = None,
    copies: tuple[str, ...] = (),
    via: Lookups = DIRECT,
) -> Notification | None:
    """One message to one person, on the channel they chose for its urgency; None when they chose
    none or gave no address, or when this event already has its message.

    `copies`: the fuldmagt scopes this message concerns. Holders of a valid fuldmagt with one of
    them, who asked for copies in their settings, get a copy: a message that says only that
    there is news for someone they act for (no name, nothing about what)."""
    if copies and citizen_id is not None:
        for fuldmagt in _copy_holders(session, citizen_id, copies, now, via):
            _enqueue_one(
                session,
                via,
                recipient_id=fuldmagt.holder_id,
                citizen_id=citizen_id,
                message_key="delegate_copy",
                event_key=event_key,
                refs={**refs, "copy_of": message_key, "fuldmagt_id": fuldmagt.id},
                urgency=Urgency.REMINDER if urgency == Urgency.REMINDER else Urgency.NOTICE,
                now=now,
                due_at=due_at,
            )
    return _enqueue_one(
        session,
        via,
        recipient_id=recipient_id,
        citizen_id=citizen_id,
        message_key=message_key,
        event_key=event_key,
        refs=refs,
        urgency=urgency,
        now=now,
        due_at=due_at,
    )


def _copy_holders(
    session: Session, citizen_id: int, scopes, now: datetime, via: Lookups
) -> list[Fuldmagt]:
    today = clock.local(now).date()
    held = via.copy_holders(session, citizen_id, now)[:COPY_HOLDERS_MAX]
    return [f for f in held if f.valid_on(today) and f.scope_set & set(scopes)]


def _enqueue_one(
    session: Session,
    via: Lookups,
    *,
    recipient_id: int,
    citizen_id: int | None,
    message_key: str,
    event_key: str,
    refs: dict,
    urgency: Urgency,
    now: datetime,
    due_at: datetime | None = None,
) -> Notification | None:
    reach = contact.reach(via.settings(session, recipient_id), urgency)
    if reach is None:
        return None
    if via.exists(session, event_key, recipient_id, reach.channel):
        return None
    row = Notification(
        recipient_id=recipient_id,
        citizen_id=citizen_id,
        channel=reach.channel,
        message_key=message_key,
        event_key=event_key,
        refs=refs,
        urgency=urgency,
        status="pending",
        due_at=due_at or now,
        attempts=0,
        created_at=now,
    )
    via.add(session, row)
    return row


def _urgency(actor_id: int | None, citizen_id: int) -> Urgency:
    """The person's own action is a receipt; anyone else's is a notice."""
    return Urgency.RECEIPT if actor_id == citizen_id else Urgency.NOTICE


def _morning_before(moment: datetime, days: int = 1) -> datetime:
    day = clock.local(moment).date() - timedelta(days=days)
    return clock.at_local(day, REMINDER_HOUR.hour, REMINDER_HOUR.minute)


def booking_reminder(
    session: Session, booking: Booking, now: datetime, via: Lookups = DIRECT
) -> None:
    """The morning before the conversation, while that is still to come."""
    due = _morning_before(booking.slot.starts_at)
    if due <= now:
        return
    enqueue(
        session,
        recipient_id=booking.citizen_id,
        citizen_id=booking.citizen_id,
        message_key="conversation_tomorrow",
        event_key=f"booking:{booking.id}:tomorrow",
        refs={"booking_id": booking.id},
        urgency=Urgency.REMINDER,
        now=now,
        copies=BOOKING_SCOPES,
        due_at=due,
        via=via,
    )


def booking_made(session: Session, booking: Booking, *, actor_id: int | None, now: datetime):
    session.flush()  # the booking's id names the event
    summons = booking.kind == BookingKind.SUMMONS
    enqueue(
        session,
        recipient_id=booking.citizen_id,
        citizen_id=booking.citizen_id,
        message_key="summons" if summons else "booking_made",
        event_key=f"booking:{booking.id}:made",
        refs={"booking_id": booking.id},
        urgency=_urgency(actor_id, booking.citizen_id),
        now=now,
        copies=BOOKING_SCOPES,
    )
    booking_reminder(session, booking, now)


def booking_moved(
    session: Session, old: Booking, new: Booking, *, actor_id: int | None, now: datetime
):
    session.flush()
    enqueue(
        session,
        recipient_id=new.citizen_id,
        citizen_id=new.citizen_id,
        message_key="booking_moved",
        event_key=f"booking:{old.id}:moved",
        refs={"booking_id": new.id, "old_booking_id": old.id},
        urgency=_urgency(actor_id, new.citizen_id),
        now=now,
        copies=BOOKING_SCOPES,
    )
    booking_reminder(session, new, now)


def booking_cancelled(session: Session, booking: Booking, *, actor_id: int | None, now: datetime):
    enqueue(
        session,
        recipient_id=booking.citizen_id,
        citizen_id=booking.citizen_id,
        message_key="booking_cancelled",
        event_key=f"booking:{booking.id}:cancelled",
        refs={"booking_id": booking.id},
        urgency=_urgency(actor_id, booking.citizen_id),
        now=now,
        copies=BOOKING_SCOPES,
    )


def window_opened(session: Session, window: DeadlineWindow, *, now: datetime):
    """A caseworker opened a deadline window: tell the citizen, and remind them three working
    days before it closes (dropped at send time if they booked by then)."""
    session.flush()
    enqueue(
        session,
        recipient_id=window.citizen_id,
        citizen_id=window.citizen_id,
        message_key="window_opened",
        event_key=f"window:{window.id}:opened:{window.closes_on.isoformat()}",
        refs={"window_id": window.id},
        urgency=Urgency.NOTICE,
        now=now,
        copies=BOOKING_SCOPES,
    )
    window_reminder(session, window, now)


def window_reminder(
    session: Session, window: DeadlineWindow, now: datetime, via: Lookups = DIRECT
) -> None:
    """ "Book before <date>" three working days before the window closes, while that is still to
    come. The last day is in the key: a window given a new last day gets a new reminder."""
    remind_on = working_days.working_days_before(window.closes_on, CLOSING_WORKING_DAYS)
    due = clock.at_local(remind_on, REMINDER_HOUR.hour, REMINDER_HOUR.minute)
    if due > now:
        enqueue(
            session,
            recipient_id=window.citizen_id,
            citizen_id=window.citizen_id,
            message_key="window_closing",
            event_key=f"window:{window.id}:closing:{window.closes_on.isoformat()}",
            refs={"window_id": window.id},
            urgency=Urgency.REMINDER,
            now=now,
            due_at=due,
            copies=BOOKING_SCOPES,
            via=via,
        )


def meeting_planned(session: Session, meeting: Meeting, *, changed: bool, now: datetime):
    """The caseworker planned or changed the meeting: a notice when it changed, and its
    reminders (`meeting_reminders`)."""
    session.flush()
    if changed:
        stamp = meeting.starts_at.isoformat()
        enqueue(
            session,
            recipient_id=meeting.citizen_id,
            citizen_id=meeting.citizen_id,
            message_key="meeting_changed",
            event_key=f"meeting:{meeting.id}:changed:{stamp}",
            refs={"meeting_id": meeting.id, "starts_at": stamp},
            urgency=Urgency.NOTICE,
            now=now,
            copies=MEETING_SCOPES,
        )
    meeting_reminders(session, meeting, now)


def meeting_reminders(
    session: Session, meeting: Meeting, now: datetime, via: Lookups = DIRECT
) -> None:
    """A reminder the day before, and one two days before the participation choice closes, each
    while still to come. The time is in the event key, so a moved meeting gets new reminders and
    the old ones are dropped at send time."""
    stamp = meeting.starts_at.isoformat()
    for key, due in (
        ("meeting_tomorrow", _morning_before(meeting.starts_at)),
        ("participation_due", _morning_before(meeting.change_deadline, PARTICIPATION_DAYS)),
    ):
        if due > now:
            enqueue(
                session,
                recipient_id=meeting.citizen_id,
                citizen_id=meeting.citizen_id,
                message_key=key,
                event_key=f"meeting:{meeting.id}:{key}:{stamp}",
                refs={"meeting_id": meeting.id, "starts_at": stamp},
                urgency=Urgency.REMINDER,
                now=now,
                due_at=due,
                copies=MEETING_SCOPES,
                via=via,
            )


def outcome_published(
    session: Session, outcome: Outcome, version: OutcomeVersion, *, appeal_by, now: datetime
):
    session.flush()
    decision = outcome.kind == OutcomeKind.DECISION
    refs = {"outcome_id": outcome.id, "version_id": version.id}
    if decision and appeal_by is not None:
        refs["appeal_by"] = appeal_by.isoformat()
    enqueue(
        session,
        recipient_id=outcome.citizen_id,
        citizen_id=outcome.citizen_id,
        message_key="decision_published" if decision else "outcome_published",
        event_key=f"outcome:{outcome.id}:version:{version.id}",
        refs=refs,
        urgency=Urgency.NOTICE,
        now=now,
        copies=OUTCOME_SCOPES,
    )


def fuldmagt_changed(
    session: Session, fuldmagt: Fuldmagt, event: str, *, by_id: int | None, now: datetime
):
    """A fuldmagt was given, changed, revoked or given up: both parties are told (the one who
    did it gets a receipt, the other a notice)."""
    session.flush()
    given = event in ("granted", "changed")
    refs = {"fuldmagt_id": fuldmagt.id}
    if given and fuldmagt.ends_on is not None:
        refs["ends_on"] = fuldmagt.ends_on.isoformat()
    for person_id in (fuldmagt.citizen_id, fuldmagt.holder_id):
        enqueue(
            session,
            recipient_id=person_id,
            citizen_id=fuldmagt.citizen_id,
            message_key="fuldmagt_given" if given else "fuldmagt_ended",
            event_key=f"fuldmagt:{fuldmagt.id}:{event}:{now.isoformat()}",
            refs=refs,
            urgency=_urgency(by_id, person_id),
            now=now,
        )
        if given:
            _fuldmagt_ending(session, fuldmagt, person_id, now, DIRECT)


def fuldmagt_reminders(
    session: Session, fuldmagt: Fuldmagt, now: datetime, via: Lookups = DIRECT
) -> None:
    """Both parties are reminded 14 days before a given fuldmagt ends, while that is to come."""
    for person_id in (fuldmagt.citizen_id, fuldmagt.holder_id):
        _fuldmagt_ending(session, fuldmagt, person_id, now, via)


def _fuldmagt_ending(
    session: Session, fuldmagt: Fuldmagt, person_id: int, now: datetime, via: Lookups
) -> None:
    ending = clock.at_local(
        fuldmagt.ends_on - timedelta(days=FULDMAGT_ENDING_DAYS),
        REMINDER_HOUR.hour,
        REMINDER_HOUR.minute,
    )
    if ending > now:
        # The last day is in the key: a fuldmagt made longer gets a new reminder, and the old
        # one no longer matches at send time (relevance.py).
        enqueue(
            session,
            recipient_id=person_id,
            citizen_id=fuldmagt.citizen_id,
            message_key="fuldmagt_ending",
            event_key=f"fuldmagt:{fuldmagt.id}:ending:{fuldmagt.ends_on.isoformat()}",
            refs={"fuldmagt_id": fuldmagt.id, "ends_on": fuldmagt.ends_on.isoformat()},
            urgency=Urgency.REMINDER,
            now=now,
            due_at=ending,
            via=via,
        )
