"""Back-fill: the reminders that bookings, deadline windows, meetings and fuldmagter made before
there were notifications never got (`flask --app portal notify-backfill`, run once after deploying).

Reminders are enqueued with the change that makes them due (outbox.py), so anything made before
the outbox existed has none. This walks every such thing that is still to come and calls the
outbox's own reminder functions for it (`booking_reminder`, `window_reminder`,
`meeting_reminders`, `fuldmagt_reminders`), so the rules are the normal path's: the same due times, the same event
keys, the person's channel choice, delegates' copies. Those functions skip a reminder whose moment
has passed, so the back-fill never sends a burst of stale reminders; quiet hours are the worker's
business at send time, as for any row.

It adds nothing that already exists: the outbox's de-duplication is the event key per recipient
and channel (the unique key `uq_notification_event`); each batch asks for the keys it is about to
add with one query and drops those found, and the unique key is the last word should the normal
path add the same row meanwhile (the batch is then rolled back and read again). Running it twice,
or after the normal path, adds nothing.

Bounded work: keyset over ids, `BATCH` rows a transaction, and a fixed handful of statements per
batch (the things, their people's settings and fuldmagter, the existing keys, the insert), however
many rows the batch holds. The session is emptied after each batch so memory stays flat.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, contains_eager

from portal import clock
from portal.models import (
    Booking,
    BookingStatus,
    ContactSettings,
    DeadlineWindow,
    Fuldmagt,
    Meeting,
    Notification,
    Slot,
)
from portal.services.notifications import outbox
from portal.services.notifications.lookups import Lookups, copy_holder_query

BATCH = 500
KINDS = ("bookings", "windows", "meetings", "fuldmagter")


@dataclass
class Counts:
    """What a run looked at (things per kind) and added (rows per message key; a delegate's
    copy counted as `delegate_copy:<the key it copies>`)."""

    examined: Counter = field(default_factory=Counter)
    added: Counter = field(default_factory=Counter)
    batches: int = 0


class _Batch(Lookups):
    """The outbox's lookups for one batch, read with two statements up front; the rows the rules
    produce are collected here instead of being added to the session."""

    def __init__(self, session: Session, things: list, now: datetime) -> None:
        citizen_ids = {t.citizen_id for t in things}
        self.holders: dict[int, list] = defaultdict(list)
        for fuldmagt in session.scalars(copy_holder_query(sorted(citizen_ids), now)):
            self.holders[fuldmagt.citizen_id].append(fuldmagt)
        people = citizen_ids | {f.holder_id for held in self.holders.values() for f in held}
        people |= {t.holder_id for t in things if isinstance(t, Fuldmagt)}  # told too
        self._settings = {
            s.person_id: s
            for s in session.scalars(
                select(ContactSettings).where(ContactSettings.person_id.in_(sorted(people)))
            )
        }
        self.rows: list[Notification] = []
        self._keys: set[tuple] = set()

    def settings(self, session, person_id):
        return self._settings.get(person_id)

    def copy_holders(self, session, citizen_id, now):
        return self.holders.get(citizen_id, [])

    def exists(self, session, event_key, recipient_id, channel):
        # Only this batch's own rows here; the database is asked once for all of them (`_new`).
        return (event_key, recipient_id, channel) in self._keys

    def add(self, session, row):
        self._keys.add((row.event_key, row.recipient_id, row.channel))
        self.rows.append(row)


def _bookings(session: Session, after: int, now: datetime, size: int) -> list:
    """Active bookings whose conversation is still to come, with their slot (the rule reads its
    time)."""
    return list(
        session.scalars(
            select(Booking)
            .join(Booking.slot)
            .options(contains_eager(Booking.slot))
            .where(
                Booking.id > after,
                Booking.status == BookingStatus.ACTIVE,
                Slot.starts_at > now,
            )
            .order_by(Booking.id)
            .limit(size)
        )
    )


def _windows(session: Session, after: int, now: datetime, size: int) -> list:
    """Open and coming windows (the reminder is before the last day; the rule checks its time)."""
    today = clock.local(now).date()
    return list(
        session.scalars(
            select(DeadlineWindow)
            .where(DeadlineWindow.id > after, DeadlineWindow.closes_on > today)
            .order_by(DeadlineWindow.id)
            .limit(size)
        )
    )


def _meetings(session: Session, after: int, now: datetime, size: int) -> list:
    """Meetings still to come (the participation deadline is never after the start)."""
    return list(
        session.scalars(
            select(Meeting)
            .where(Meeting.id > after, Meeting.starts_at > now)
            .order_by(Meeting.id)
            .limit(size)
        )
    )


def _fuldmagter(session: Session, after: int, now: datetime, size: int) -> list:
    """Fuldmagter not ended by a person and not yet run out (the rule checks the reminder's
    time, 14 days before the last day). One revoked or given up gets no reminder, as on the
    normal path."""
    today = clock.local(now).date()
    return list(
        session.scalars(
            select(Fuldmagt)
            .where(
                Fuldmagt.id > after,
                Fuldmagt.ends_on > today,
                Fuldmagt.revoked_at.is_(None),
                Fuldmagt.given_up_at.is_(None),
            )
            .order_by(Fuldmagt.id)
            .limit(size)
        )
    )


_SOURCES: dict[str, tuple[Callable, Callable]] = {
    "bookings": (_bookings, outbox.booking_reminder),
    "windows": (_windows, outbox.window_reminder),
    "meetings": (_meetings, outbox.meeting_reminders),
    "fuldmagter": (_fuldmagter, outbox.fuldmagt_reminders),
}


def _new(session: Session, rows: list[Notification]) -> list[Notification]:
    """The rows whose event does not yet have its message for that recipient and channel."""
    if not rows:
        return []
    keys = {(r.event_key, r.recipient_id, r.channel) for r in rows}
    # The unique key's first column is the event key, so this is an index lookup; another
    # recipient's row for the same event may come back too and simply does not match.
    found = set(
        session.execute(
            select(Notification.event_key, Notification.recipient_id, Notification.channel).where(
                Notification.event_key.in_(sorted({k[0] for k in keys}))
            )
        ).all()
    )
    return [r for r in rows if (r.event_key, r.recipient_id, r.channel) not in found]


def _one_batch(session: Session, things: list, rule: Callable, now: datetime) -> list:
    batch = _Batch(session, things, now)
    for thing in things:
        rule(session, thing, now, batch)
    return _new(session, batch.rows)


def run(
    session: Session,
    now: datetime,
    *,
    dry_run: bool = False,
    batch_size: int = BATCH,
    kinds: tuple[str, ...] = KINDS,
) -> Counts:
    """Enqueue the missing, still-to-come reminders; with `dry_run`, count them and change
    nothing. Each batch is its own transaction."""
    counts = Counts()
    for kind in kinds:
        read, rule = _SOURCES[kind]
        after = 0
        while True:
            for attempt in (1, 2):
                things = read(session, after, now, batch_size)
                if not things:
                    break
                rows = _one_batch(session, things, rule, now)
                # Read before the commit expires them (each would be a query after it).
                examined, last, labels = len(things), things[-1].id, [_label(r) for r in rows]
                if dry_run:
                    session.rollback()
                    break
                try:
                    if rows:
                        # One multi-row insert, not a statement per row as the unit of work would.
                        session.execute(insert(Notification), [_values(r) for r in rows])
                    session.commit()
                    break
                except IntegrityError:
                    # The normal path added one of these rows meanwhile: read the batch again,
                    # and the existing-keys query now leaves that row out.
                    session.rollback()
                    if attempt == 2:
                        raise
            if not things:
                break
            after = last
            counts.examined[kind] += examined
            counts.added.update(labels)
            counts.batches += 1
            session.expunge_all()  # a national run must not keep every row it has seen
    return counts


def _values(row: Notification) -> dict:
    """The row the outbox built, as the values of a bulk insert (every column but the id)."""
    return {c.key: getattr(row, c.key) for c in Notification.__table__.columns if c.key != "id"}


def _label(row: Notification) -> str:
    copied = (row.refs or {}).get("copy_of")
    return f"delegate_copy:{copied}" if copied else row.message_key
