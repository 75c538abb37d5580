"""The delivery worker: claim due rows, send them, mark them. Run by
`flask --app portal notify-worker [--once]` (portal/cli.py).

Each step is its own short transaction, committed here (the worker is its own unit of work,
outside any web request): claiming marks rows "sending" and fixes their text before anything
leaves the machine; marking after the channel answered is a second commit. Several workers on
PostgreSQL claim with `FOR UPDATE SKIP LOCKED` and never take the same row; SQLite has no row
locks (the dialect leaves the clause out), so run one worker there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from portal import log_events
from portal.models import DeliveryStatus, Notification, Person
from portal.services.notifications import attachments, contact, quiet, relevance
from portal.services.notifications.channels import ChannelError, Outgoing
from portal.services.notifications.render import render

BACKOFF = (60, 300, 900, 3600)  # seconds before the 2nd, 3rd, 4th and 5th try
MAX_ATTEMPTS = len(BACKOFF) + 1


@dataclass(frozen=True)
class Settings:
    sender: str  # who the texts say they are from (the job centre)
    quiet_hours: tuple[int, int] = quiet.DEFAULT_QUIET
    batch: int = 50
    stale_after: timedelta = timedelta(minutes=10)  # a claim older than this was interrupted
    calendar_host: str = "en-plan.invalid"  # the UID domain of attached calendar files
    organiser: tuple[str, str] | None = None  # (name, e-mail) named as the invitations' ORGANIZER


@dataclass
class Counts:
    sent: int = 0
    failed: int = 0  # tries that failed (retried later or, after the last, marked failed)
    dropped: int = 0
    deferred: int = 0  # quiet hours
    unconfirmed: int = 0
    claimed: list[int] = field(default_factory=list)


def recover_interrupted(session: Session, now: datetime, settings: Settings) -> int:
    """Rows left "sending" by a worker that stopped: possibly sent, so never sent again."""
    result = session.execute(
        update(Notification)
        .where(
            Notification.status == DeliveryStatus.SENDING,
            Notification.claimed_at < now - settings.stale_after,
        )
        .values(status=DeliveryStatus.UNCONFIRMED)
    )
    session.commit()
    return result.rowcount or 0


@dataclass(frozen=True)
class Claimed:
    """A row marked "sending", with everything needed to send and mark it: delivering reads
    nothing more from the database (attachments aside)."""

    id: int
    channel: str
    message: Outgoing
    attempts: int
    message_key: str
    refs: dict
    language: str


def claim(
    session: Session,
    now: datetime,
    settings: Settings,
    translate_for: Callable[[str], Callable[[str], str]],
    counts: Counts,
) -> tuple[int, list[Claimed]]:
    """Take due rows (skipping rows another worker holds), re-check them, and mark the ones to
    send as "sending" with their text fixed. One transaction. Returns how many due rows it
    looked at, and the claimed ones."""
    rows = session.scalars(
        select(Notification)
        .where(Notification.status == DeliveryStatus.PENDING, Notification.due_at <= now)
        .order_by(Notification.due_at, Notification.id)
        .limit(settings.batch)
        .with_for_update(skip_locked=True)
    ).all()
    claimed = []
    for row in rows:
        release = quiet.release_at(now, row.urgency, settings.quiet_hours)
        if release > now:
            row.due_at = release
            counts.deferred += 1
            continue
        reach = contact.reach(contact.settings_of(session, row.recipient_id), row.urgency)
        if (
            reach is None
            or reach.channel != row.channel
            or not relevance.still_true(session, row, now)
        ):
            row.status = DeliveryStatus.DROPPED
            counts.dropped += 1
            continue
        language = session.get(Person, row.recipient_id).language or "da"
        text = render(
            session,
            row,
            language=language,
            translate=translate_for(language),
            sender=settings.sender,
        )
        row.status = DeliveryStatus.SENDING
        row.claimed_at = now
        row.attempts += 1
        row.sent_to = reach.address
        row.sent_subject = text.subject
        row.sent_text = text.text
        message = Outgoing(reference(row), reach.address, text.subject, text.text)
        claimed.append(
            Claimed(row.id, row.channel, message, row.attempts, row.message_key, row.refs, language)
        )
    session.commit()
    counts.claimed += [c.id for c in claimed]
    return len(rows), claimed


def reference(row: Notification) -> str:
    """The idempotency key of one event toward one recipient on one channel."""
    return f"{row.event_key}|{row.recipient_id}|{row.channel}"


def _mark(session: Session, row_id: int, **values) -> None:
    session.execute(update(Notification).where(Notification.id == row_id).values(**values))
    session.commit()


def deliver(
    session: Session,
    claimed: Claimed,
    channels: dict,
    now: datetime,
    counts: Counts,
    *,
    attach: Callable[[Claimed], list] = lambda claimed: [],
    after_send: Callable[[Claimed], None] | None = None,
) -> None:
    message = claimed.message
    if files := attach(claimed):
        message = Outgoing(message.reference, message.to, message.subject, message.text, files)
    channel = channels[claimed.channel]
    try:
        channel.send(message)
    except ChannelError as error:
        counts.failed += 1
        final = claimed.attempts >= MAX_ATTEMPTS
        log_events.notification_failed(
            claimed.id, claimed.message_key, claimed.channel, claimed.attempts, error.kind, final
        )
        if final:
            _mark(session, claimed.id, status=DeliveryStatus.FAILED, last_error=error.kind)
        else:
            retry = now + timedelta(seconds=BACKOFF[claimed.attempts - 1])
            _mark(
                session,
                claimed.id,
                status=DeliveryStatus.PENDING,
                due_at=retry,
                last_error=error.kind,
            )
        return
    if after_send is not None:  # tests: a worker that stops between sending and marking
        after_send(claimed)
    _mark(session, claimed.id, status=DeliveryStatus.SENT, sent_at=now, last_error=None)
    counts.sent += 1
    log_events.notification_sent(
        claimed.id,
        claimed.message_key,
        claimed.channel,
        claimed.attempts,
        getattr(channel, "via", type(channel).__name__.lower()),
    )


def run_once(
    session: Session,
    channels: dict,
    settings: Settings,
    translate_for: Callable[[str], Callable[[str], str]],
    now: datetime,
    *,
    after_send: Callable[[Claimed], None] | None = None,
) -> Counts:
    """Deliver what is due now, batch by batch, until nothing due is left for this worker."""
    counts = Counts()
    counts.unconfirmed = recover_interrupted(session, now, settings)

    def attach(claimed: Claimed) -> list:
        return attachments.calendar_files(
            session,
            claimed.message_key,
            claimed.refs,
            channel=claimed.channel,
            host=settings.calendar_host,
            organiser=settings.organiser,
            now=now,
            translate=translate_for(claimed.language),
        )

    try:
        while True:
            looked_at, batch = claim(session, now, settings, translate_for, counts)
            if not looked_at:
                return counts
            for claimed in batch:
                deliver(
                    session, claimed, channels, now, counts, attach=attach, after_send=after_send
                )
    finally:
        for channel in channels.values():
            if hasattr(channel, "close"):
                channel.close()
