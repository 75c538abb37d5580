"""Rows for the kinds of data the demo does not give Hanne (contact settings, messages sent,
call-me and "can't book" requests, an exemption, a fuldmagt she holds), so every section of her
"Hent dine oplysninger" has something in it, and `n` of each to show the count stays the same."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from portal import clock
from portal.models import (
    BookingHelpRequest,
    CallbackRequest,
    ContactSettings,
    DeadlineWindow,
    Exemption,
    Fuldmagt,
    FuldmagtEvent,
    Notification,
    Person,
)


def add_everything(
    session, citizen_id: int, other_citizen_id: int, n: int = 1, booking=None
) -> None:
    """`booking`: scale_support.upcoming_booking, for a citizen the demo gives none."""
    now = clock.now()
    if booking is not None:
        booking(session)
    today = clock.today()
    if session.get(ContactSettings, citizen_id) is None:
        session.add(
            ContactSettings(
                person_id=citizen_id,
                email="hanne@example.test",
                mobile="+4521436587",
                receipts="email",
                reminders="sms",
                updated_at=now,
            )
        )
    for i in range(n):
        window = DeadlineWindow(
            citizen_id=citizen_id,
            opens_on=today - timedelta(days=400 + i),
            closes_on=today - timedelta(days=390 + i),
            topic="Opfølgning",
            created_at=now - timedelta(days=400 + i),
        )
        session.add(window)
        session.flush()
        session.add_all(
            [
                CallbackRequest(
                    citizen_id=citizen_id, window_id=window.id, requested_by_id=citizen_id, at=now
                ),
                BookingHelpRequest(
                    citizen_id=citizen_id,
                    window_id=window.id,
                    reason="illness",
                    note=f"Jeg har ondt i dag {i}",
                    requested_by_id=citizen_id,
                    at=now,
                ),
                Exemption(citizen_id=citizen_id, exempted=i % 2 == 0, reason="Syg", at=now),
                Notification(
                    recipient_id=citizen_id,
                    citizen_id=citizen_id,
                    channel="email",
                    message_key="booking.made",
                    event_key=f"test-my-data-{other_citizen_id}-{i}",
                    refs={},
                    urgency="receipt",
                    status="sent",
                    due_at=now,
                    created_at=now,
                    sent_at=now,
                    sent_to="hanne@example.test",
                    sent_subject=f"Du har booket en samtale {i}",
                    sent_text="Se mere i Én plan.",
                ),
            ]
        )
        held = Fuldmagt(
            citizen_id=other_citizen_id,
            holder_id=citizen_id,
            scopes="se",
            starts_on=today,
            ends_on=today + timedelta(days=30),
            created_at=now,
        )
        session.add(held)
        session.flush()
        session.add(
            FuldmagtEvent(
                fuldmagt_id=held.id,
                at=now,
                kind="granted",
                by_id=other_citizen_id,
                scopes="se",
                ends_on=held.ends_on,
            )
        )
    session.commit()


def cpr_hash_of(session, citizen_id: int) -> str | None:
    return session.scalar(select(Person.cpr_hash).where(Person.id == citizen_id))
