"""Outbox rows in a given state, for the tests that count them (metrics, outbox depth)."""

from __future__ import annotations

from datetime import timedelta

from portal import clock
from portal.models import Notification


def outbox_row(recipient_id: int, key: str, status: str, due_in: timedelta) -> Notification:
    """A booking reminder e-mail to `recipient_id`, due `due_in` from now, in `status`."""
    now = clock.now()
    return Notification(
        recipient_id=recipient_id,
        channel="email",
        message_key="booking.reminder",
        event_key=key,
        refs={},
        urgency="reminder",
        status=status,
        due_at=now + due_in,
        created_at=now,
    )
