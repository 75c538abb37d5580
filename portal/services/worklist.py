""" "Det venter på dig": what waits for a caseworker across their caseload, oldest first.

Each kind of item is one bounded branch over the caseworker's own citizens (never more than
`PER_KIND` rows of a kind, `LIMIT` in all), and the branches are read together in one
`UNION ALL` statement with the citizen of each item (portal/services/worklist_items.py, which
holds the bounds named here), so the page costs the same however large the database grows:

- call-me requests not yet marked as handled;
- "Jeg kan ikke booke selv" requests not yet answered;
- "uden deltagelse" requests still awaiting the team's assessment, for meetings ahead;
- deadline windows that end within `WINDOW_WORKING_DAYS` working days with nothing booked;
- preparations sent since the caseworker last opened the citizen's meeting page;
- published decisions the citizen has not read `UNREAD_DAYS` days after publication;
- interpreters to arrange: the language a citizen asked for when choosing how to take part in a
  meeting, or when booking a conversation, for meetings and conversations in the next
  `INTERPRETER_DAYS` days (the item waits from the moment the need was given).

- messages (e-mail or SMS) that could not be delivered after the last try, in the last
  `FAILED_DAYS` days: the citizen may not know what the message was about.

Showing the list is in the audit trail: one row per citizen on it (`record_seen`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from portal.models import CallbackRequest, Person
from portal.services import audit
from portal.services.errors import DomainError, NotFound

# Kind, PER_KIND and MEETING_VIEW_ACTION are part of this module's interface too.
from portal.services.worklist_items import (  # noqa: F401
    MEETING_VIEW_ACTION,
    PER_KIND,
    Kind,
    parameters,
    statement,
)

LIMIT = 50
NOTE_MAX = 500
SEEN_ACTION = "staff.worklist.view"


@dataclass(frozen=True)
class Item:
    kind: str
    since: datetime  # when it started waiting: the list is sorted on it, oldest first
    citizen: Person
    ref_id: int  # the callback, meeting, window or outcome it is about
    day: object = None  # what else belongs to the item: a window's last day, a reason code,
    # an interpreter's language
    starts_at: datetime | None = None  # the meeting or conversation the item is for


def waiting(session: Session, caseworker_id: int, now: datetime) -> list[Item]:
    """Everything that waits for the caseworker, oldest first, at most `LIMIT` items, in one
    statement."""
    rows = session.execute(statement(), parameters(caseworker_id, now)).all()
    items = [
        Item(
            row.kind,
            row.since,
            row.Person,
            row.ref_id,
            row.day if row.kind == Kind.WINDOW_ENDING else row.note,
            row.starts_at,
        )
        for row in rows
    ]
    # At most nine times PER_KIND rows: sorting them here keeps the tie-break on the kind's
    # name independent of the database's collation.
    items.sort(key=lambda item: (item.since, item.kind, item.ref_id))
    return items[:LIMIT]


def record_seen(session: Session, actor_id: int, actor_role: str, items: list[Item]) -> None:
    """One audit row per citizen on the list: the citizen's access log shows the caseworker saw
    that something of theirs was waiting."""
    for citizen_id in sorted({item.citizen.id for item in items}):
        audit.record(
            session,
            actor_id=actor_id,
            actor_role=actor_role,
            citizen_id=citizen_id,
            action=SEEN_ACTION,
            target="/medarbejder",
            outcome="allowed",
        )


def handle_callback(
    session: Session, citizen_id: int, callback_id: int, *, note: str | None, actor_id: int, now
) -> CallbackRequest:
    """Mark a call-me request as handled, with an optional short note. Marking it again (a
    replay) changes nothing and is refused, so the first note stays."""
    request = session.get(CallbackRequest, callback_id)
    if request is None or request.citizen_id != citizen_id:
        raise NotFound("callback")
    note = (note or "").strip() or None
    if note and len(note) > NOTE_MAX:
        raise DomainError("note_too_long", field="note")
    if request.handled_at is not None:
        raise DomainError("callback_already_handled")
    request.handled_at = now
    request.handled_by_id = actor_id
    request.handled_note = note
    session.flush()
    return request
