"""`flask --app portal notify-backfill [--dry-run]` through Flask's CLI runner: it counts per kind,
a dry run changes nothing, the real run enqueues, and a second run adds nothing. The rules
themselves are tested in tests/integration/test_notify_backfill.py."""

from __future__ import annotations

import io
import json
import logging
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from portal import clock
from portal.extensions import db
from portal.models import Notification
from portal.services.notifications import contact
from tests.conftest import wipe
from tests.factories import booking as make
from tests.factories import meeting as meetings
from tests.factories import people
from tests.factories.booking import NOW, TODAY


def _made_before_notifications(app) -> None:
    """A booking, a window and a meeting built as rows, never through the outbox."""
    with app.app_context():
        wipe(db.session)
        caseworker = people.caseworker(db.session)
        citizen = people.citizen(db.session, "Fortrolig", caseworker=caseworker)
        contact.save(
            db.session,
            citizen.id,
            email="borger@example.dk",
            mobile=None,
            receipts="email",
            reminders="email",
            delegate_copies=False,
            now=NOW,
        )
        window = make.window(db.session, citizen, closes_on=TODAY + timedelta(days=14))
        slot = make.slot_on(db.session, caseworker, TODAY + timedelta(days=5), 9)
        make.booking(db.session, citizen, slot, window=window)
        meetings.meeting(db.session, citizen, starts_at=NOW + timedelta(days=10))
        db.session.commit()
        db.session.remove()


def _run(app, *args):
    with clock.frozen(NOW):
        return app.test_cli_runner().invoke(args=["notify-backfill", *args])


def _rows(read_db) -> int:
    return read_db(lambda s: s.scalar(select(func.count()).select_from(Notification)))


def _logged(buffer) -> list[dict]:
    lines = [json.loads(line) for line in buffer.getvalue().splitlines()]
    return [line for line in lines if line.get("event") == "notify_backfill"]


@pytest.fixture
def written():
    """What the portal's JSON log handler writes during the test (its stream swapped)."""
    handler = next(h for h in logging.getLogger("portal").handlers if getattr(h, "portal_json", 0))
    buffer = io.StringIO()
    before = handler.setStream(buffer)
    yield buffer
    handler.setStream(before)


def test_the_command_counts_does_nothing_on_a_dry_run_and_enqueues_once(app, read_db, written):
    _made_before_notifications(app)
    buffer = written

    dry = _run(app, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert _rows(read_db) == 0
    assert dry.output.splitlines() == [
        "Examined 1 bookings.",
        "Examined 1 windows.",
        "Examined 1 meetings.",
        "Examined 0 fuldmagter.",
        "Would add 1 conversation_tomorrow.",
        "Would add 1 meeting_tomorrow.",
        "Would add 1 participation_due.",
        "Would add 1 window_closing.",
        "Would add 4 reminders in 3 batches.",
    ]

    real = _run(app)
    assert real.exit_code == 0, real.output
    assert real.output.splitlines()[-1] == "Added 4 reminders in 3 batches."
    assert _rows(read_db) == 4
    assert "Fortrolig" not in real.output and "@" not in real.output

    again = _run(app, "--batch-size", "1")
    assert again.exit_code == 0, again.output
    assert again.output.splitlines()[-1] == "Added 0 reminders in 3 batches."
    assert _rows(read_db) == 4
    # One log line a run, counts only (no person, no address).
    logged = _logged(buffer)
    assert [(e["dry_run"], sum(e["added"].values())) for e in logged] == [
        (True, 4),
        (False, 4),
        (False, 0),
    ]
    assert logged[0]["examined"] == {"bookings": 1, "windows": 1, "meetings": 1}
    assert "Fortrolig" not in buffer.getvalue() and "@" not in buffer.getvalue()


def test_a_batch_size_out_of_range_is_refused(app):
    refused = _run(app, "--batch-size", "0")
    assert refused.exit_code == 2
    assert "batch-size" in refused.output
