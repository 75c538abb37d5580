"""`flask --app portal retention [--dry-run]` as cron runs it, with the clock moved on: for each kind
exactly what is past its period goes and what is a day younger stays, one transaction per kind,
and the audit trail still verifies afterwards."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

import pytest
from flask import current_app
from sqlalchemy import func, select

from portal import clock
from portal.extensions import db
from portal.models import (
    AuditEvent,
    AuditRetention,
    AuditSeal,
    ConsentRecord,
    DeliveryStatus,
    Meeting,
    Notification,
    Preparation,
    PreparationSending,
)
from portal.services import audit, audit_seal
from portal.services import retention as retention_service
from tests.conftest import wipe
from tests.factories import meeting as make
from tests.factories import people

# Cron at three in the morning, Danish time (01.00 UTC in summer). Default periods.
NOW = clock.at_local(date(2031, 6, 15), 3)
AUDIT_DAY = NOW.astimezone(UTC).date() - timedelta(days=1826)  # UTC, like the batches
NOTIFICATIONS_DAY = date(2030, 6, 15)  # 365 days back
PREPARATION_DAY = date(2031, 3, 17)  # 90 days back
SECRET = "Fortrolig oplysning om helbred"
TABLES = (
    AuditEvent,
    AuditSeal,
    AuditRetention,
    Notification,
    Meeting,
    ConsentRecord,
    Preparation,
    PreparationSending,
)
# What the command may print: kinds, days and counts, nothing about anyone.
LINE = re.compile(
    r"Dry run: nothing is deleted\."
    r"|[a-z ]+, before \d{4}-\d\d-\d\d: (deleted|would delete) \d+ [a-z() ]+(, \d+ [a-z() ]+)*\."
)


def _utc(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), UTC)


def _audit_rows(session) -> None:
    """Two rows in batches that ended before the audit day, two in batches that end after it;
    all sealed."""
    for at in (
        _utc(AUDIT_DAY - timedelta(days=1), 12),
        _utc(AUDIT_DAY - timedelta(days=1), 23, 30),
        _utc(AUDIT_DAY, 0, 30),
        _utc(AUDIT_DAY, 12),
    ):
        audit.record(
            session,
            actor_id=None,
            actor_role="caseworker",
            citizen_id=None,
            action="plan.view",
            at=at,
        )
    session.flush()
    # With the app's own key, which `audit-verify` checks with.
    keys = current_app.config["AUDIT_SEAL_KEYS"]
    audit_seal.seal_closed_batches(session, _utc(AUDIT_DAY + timedelta(days=2), 0), keys)


def _notification(session, citizen, status: str, created: datetime, n: int) -> None:
    session.add(
        Notification(
            recipient_id=citizen.id,
            citizen_id=citizen.id,
            channel="email",
            message_key="booking_made",
            event_key=f"test:{n}",
            refs={},
            urgency="notice",
            status=status,
            due_at=created,
            attempts=1,
            created_at=created,
            sent_to="bo@example.dk",
            sent_text=SECRET,
        )
    )


def _notifications(session, citizen) -> None:
    old = clock.at_local(NOTIFICATIONS_DAY - timedelta(days=1), 12)
    young = clock.at_local(NOTIFICATIONS_DAY, 12)
    done = [DeliveryStatus.SENT, DeliveryStatus.UNCONFIRMED, DeliveryStatus.FAILED]
    rows = [(status, old) for status in [*done, DeliveryStatus.DROPPED]]
    rows += [(status, young) for status in done]
    # Still the worker's, however old: to be sent, or handed to a channel.
    rows += [(DeliveryStatus.PENDING, old - timedelta(days=400))]
    rows += [(DeliveryStatus.SENDING, old - timedelta(days=400))]
    for n, (status, created) in enumerate(rows):
        _notification(session, citizen, status, created, n)


def _prepared_meeting(session, citizen, day: date, sendings: int) -> None:
    meeting = make.meeting(session, citizen, starts_at=clock.at_local(day, 10))
    make.consent(session, meeting, at=meeting.change_deadline - timedelta(days=1))
    session.add(Preparation(meeting_id=meeting.id, health=SECRET, saved_at=meeting.created_at))
    for n in range(sendings):
        session.add(
            PreparationSending(
                meeting_id=meeting.id,
                sent_at=meeting.created_at + timedelta(days=n),
                actor_id=citizen.id,
                health=SECRET,
            )
        )


@pytest.fixture
def world(app):
    with app.app_context():
        wipe(db.session)
        citizen = people.citizen(db.session, "Fortrolig")
        _audit_rows(db.session)
        _notifications(db.session, citizen)
        _prepared_meeting(db.session, citizen, PREPARATION_DAY - timedelta(days=1), sendings=2)
        _prepared_meeting(db.session, citizen, PREPARATION_DAY, sendings=1)
        db.session.commit()
        db.session.remove()


def _run(app, *args):
    with clock.frozen(NOW):
        return app.test_cli_runner().invoke(args=["retention", *args])


def _counts(read_db) -> dict[str, int]:
    return read_db(
        lambda s: {
            model.__name__: s.scalar(select(func.count()).select_from(model)) for model in TABLES
        }
    )


def _lines(result) -> list[str]:
    lines = result.output.splitlines()
    assert lines and all(LINE.fullmatch(line) for line in lines), result.output
    assert SECRET not in result.output and "Fortrolig" not in result.output
    return lines


def test_exactly_what_is_past_its_period_goes_and_the_trail_still_verifies(app, world, read_db):
    before = _counts(read_db)
    done = _run(app)
    assert done.exit_code == 0, done.output
    assert _lines(done) == [
        f"audit trail, before {AUDIT_DAY}: deleted 2 audit row(s).",
        "notifications, before 2030-06-15: deleted 4 notification(s).",
        "meeting preparation, before 2031-03-17: deleted 1 draft(s), 2 sent preparation(s).",
    ]
    after = _counts(read_db)
    # Each kind that deleted something says so in the audit trail, at the run's instant.
    assert read_db(
        lambda s: s.execute(
            select(AuditEvent.action, AuditEvent.detail)
            .where(AuditEvent.at == NOW)
            .order_by(AuditEvent.id)
        ).all()
    ) == [
        ("audit.retention", f"2 rows in sealed batches before {AUDIT_DAY}T00:00:00.000000Z"),
        ("retention.notifications", "4 created before 2030-06-15"),
        ("retention.preparation", "1 drafts, 2 sent, meetings before 2031-03-17"),
    ]
    assert after == {
        **before,
        "AuditEvent": before["AuditEvent"] - 2 + 3,
        "AuditRetention": 1,
        "Notification": before["Notification"] - 4,
        "Preparation": 1,
        "PreparationSending": 1,
    }
    kept = read_db(
        lambda s: s.scalars(
            select(AuditEvent.at).where(AuditEvent.action == "plan.view").order_by(AuditEvent.at)
        ).all()
    )
    assert kept == [_utc(AUDIT_DAY, 0, 30), _utc(AUDIT_DAY, 12)]
    statuses = read_db(lambda s: sorted(s.scalars(select(Notification.status)).all()))
    assert statuses == ["failed", "pending", "sending", "sent", "unconfirmed"]
    young = read_db(
        lambda s: s.scalars(
            select(Meeting.starts_at).join(Preparation, Preparation.meeting_id == Meeting.id)
        ).all()
    )
    assert young == [clock.at_local(PREPARATION_DAY, 10)]
    verified = app.test_cli_runner().invoke(args=["audit-verify"])
    assert verified.exit_code == 0 and "Audit trail intact" in verified.output, verified.output

    # The second run finds nothing, writes nothing, and the trail still verifies.
    again = _run(app)
    assert again.exit_code == 0, again.output
    assert [line.split(": ", 1)[1] for line in _lines(again)] == [
        "deleted 0 audit row(s).",
        "deleted 0 notification(s).",
        "deleted 0 draft(s), 0 sent preparation(s).",
    ]
    assert _counts(read_db) == after
    assert app.test_cli_runner().invoke(args=["audit-verify"]).exit_code == 0


def test_a_dry_run_says_the_same_and_changes_nothing(app, world, read_db):
    before = _counts(read_db)
    dry = _run(app, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert _lines(dry) == [
        "Dry run: nothing is deleted.",
        f"audit trail, before {AUDIT_DAY}: would delete 2 audit row(s).",
        "notifications, before 2030-06-15: would delete 4 notification(s).",
        "meeting preparation, before 2031-03-17: would delete 1 draft(s), 2 sent preparation(s).",
    ]
    assert _counts(read_db) == before


def test_a_kind_that_fails_is_rolled_back_alone(app, world, read_db, monkeypatch):
    real = retention_service._record

    def failing(session, action, detail, now):
        if action == "retention.notifications":  # after its rows were deleted
            raise RuntimeError("the disk is full")
        real(session, action, detail, now)

    monkeypatch.setattr(retention_service, "_record", failing)
    before = _counts(read_db)
    run = _run(app)
    assert run.exit_code == 1
    assert (
        "notifications, before 2030-06-15: FAILED (RuntimeError); nothing of it deleted."
        in run.output
    )
    assert "the disk is full" not in run.output
    after = _counts(read_db)
    assert after["Notification"] == before["Notification"]
    assert (after["Preparation"], after["PreparationSending"]) == (1, 1)
    assert after["AuditRetention"] == 1
    assert app.test_cli_runner().invoke(args=["audit-verify"]).exit_code == 0


def test_longer_periods_from_the_settings_keep_more(app, world, read_db):
    periods = app.config["RETENTION"]
    longer = type(periods)(
        audit_days=periods.audit_days + 1,
        notifications_days=periods.notifications_days + 1,
        preparation_days=periods.preparation_days + 1,
    )
    app.config["RETENTION"] = longer
    try:
        run = _run(app, "--dry-run")
    finally:
        app.config["RETENTION"] = periods
    assert [line.split(": ", 1)[1] for line in _lines(run)[1:]] == [
        "would delete 0 audit row(s).",
        "would delete 0 notification(s).",
        "would delete 0 draft(s), 0 sent preparation(s).",
    ]
