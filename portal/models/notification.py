"""Notifications: the outbox of messages to people outside the portal, and where to reach them.

An outbox row is written in the same transaction as the change it tells about; it holds who,
which channel, a message key and the ids it refers to — never rendered personal text. The text
is rendered by the worker at send time and kept on the row once sent, so the person can see
exactly what they received (texts carry no case content: portal/services/notifications/).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.people import Person
from portal.models.types import UTCDateTime


class Channel(StrEnum):
    EMAIL = "email"
    SMS = "sms"


class Urgency(StrEnum):
    """Receipts of the person's own action go at once; the rest wait out the quiet hours."""

    RECEIPT = "receipt"
    NOTICE = "notice"  # someone else did something that concerns the person
    REMINDER = "reminder"


class DeliveryStatus(StrEnum):
    PENDING = "pending"  # due at `due_at` (or later, after a failed try)
    SENDING = "sending"  # claimed by a worker, handed to the channel
    SENT = "sent"  # the channel accepted it
    UNCONFIRMED = "unconfirmed"  # a worker stopped between handing over and marking: not resent
    FAILED = "failed"  # the last try failed too; shown to the caseworker
    DROPPED = "dropped"  # no longer true at send time (cancelled, moved, done): not sent


def _in(values: type[StrEnum]) -> str:
    return ", ".join(f"'{v.value}'" for v in values)


class Notification(db.Model):
    __tablename__ = "notification"
    __table_args__ = (
        # One message per event, recipient and channel: the idempotency key of the issue.
        UniqueConstraint("event_key", "recipient_id", "channel", name="uq_notification_event"),
        CheckConstraint(f"channel IN ({_in(Channel)})", name="channel"),
        CheckConstraint(f"urgency IN ({_in(Urgency)})", name="urgency"),
        CheckConstraint(f"status IN ({_in(DeliveryStatus)})", name="status"),
        # The worker's scan: due pending rows in time order.
        Index("ix_notification_due", "status", "due_at"),
        # The person's "Beskeder vi har sendt dig", newest first.
        Index("ix_notification_recipient_created", "recipient_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    # The citizen the message concerns (the recipient, or the citizen a delegate's copy is about).
    citizen_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    channel: Mapped[str] = mapped_column(String(10))
    message_key: Mapped[str] = mapped_column(String(60))
    event_key: Mapped[str] = mapped_column(String(120))
    refs: Mapped[dict] = mapped_column(JSON, default=dict)
    urgency: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(12), default=DeliveryStatus.PENDING)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # What was sent, exactly as sent (no case content by the message rules).
    sent_to: Mapped[str | None] = mapped_column(String(120))
    sent_subject: Mapped[str | None] = mapped_column(String(200))
    sent_text: Mapped[str | None] = mapped_column(Text)
    # Why the last try failed, as the channel's kind of error (no addresses, no text).
    last_error: Mapped[str | None] = mapped_column(String(200))

    recipient: Mapped[Person] = relationship(foreign_keys=[recipient_id])


class ContactSettings(db.Model):
    """How a person wants to be reached. No row: no contact details, nothing is sent."""

    __tablename__ = "contact_settings"
    __table_args__ = (
        CheckConstraint("receipts IN ('email', 'sms', 'none')", name="receipts"),
        CheckConstraint("reminders IN ('email', 'sms', 'none')", name="reminders"),
    )

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), primary_key=True)
    email: Mapped[str | None] = mapped_column(String(120))
    mobile: Mapped[str | None] = mapped_column(String(20))  # +45 and eight digits
    receipts: Mapped[str] = mapped_column(String(10), default="email")
    reminders: Mapped[str] = mapped_column(String(10), default="sms")
    # A delegate: copies of what concerns the citizens whose scopes they hold.
    delegate_copies: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
