"""What the outbox reads while it enqueues, and where it puts a new row.

The outbox's rules (outbox.py) ask four things: the person's contact settings, the holders of a
fuldmagt for the citizen who asked for copies, whether this event already has its message for
this person and channel, and where the new row goes. `Lookups` answers them straight from the
database, inside the change's own transaction: that is the normal path. The back-fill
(backfill.py) hands in its own answers, read for a whole batch of bookings, windows or meetings
with a few statements, so the very same rules run over thousands of rows without a query per row.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from portal import clock
from portal.models import ContactSettings, Fuldmagt, Notification
from portal.services.notifications import contact

COPY_HOLDERS_MAX = 20  # a citizen has a handful of fuldmagter at most; never an unbounded read


def copy_holder_query(citizen_ids, now: datetime) -> Select:
    """The fuldmagter for these citizens whose holder asked for copies and that have not ended
    (by a person or by running out). Whether one is valid today and covers the message's scopes
    is decided in Python by the outbox (`Fuldmagt.valid_on`, `scope_set`)."""
    today = clock.local(now).date()
    return (
        select(Fuldmagt)
        .join(ContactSettings, ContactSettings.person_id == Fuldmagt.holder_id)
        .where(
            Fuldmagt.citizen_id.in_(citizen_ids),
            ContactSettings.delegate_copies.is_(True),
            Fuldmagt.revoked_at.is_(None),
            Fuldmagt.given_up_at.is_(None),
            Fuldmagt.ends_on >= today,
        )
        .order_by(Fuldmagt.id)
    )


class Lookups:
    """The normal path: one question, one statement, in the change's transaction."""

    def settings(self, session: Session, person_id: int) -> ContactSettings | None:
        return contact.settings_of(session, person_id)

    def copy_holders(self, session: Session, citizen_id: int, now: datetime) -> list[Fuldmagt]:
        query = copy_holder_query([citizen_id], now).limit(COPY_HOLDERS_MAX)
        return list(session.scalars(query))

    def exists(self, session: Session, event_key: str, recipient_id: int, channel: str) -> bool:
        found = session.scalar(
            select(Notification.id).where(
                Notification.event_key == event_key,
                Notification.recipient_id == recipient_id,
                Notification.channel == channel,
            )
        )
        return found is not None

    def add(self, session: Session, row: Notification) -> None:
        session.add(row)


DIRECT = Lookups()
