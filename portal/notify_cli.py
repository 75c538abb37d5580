"""`flask --app portal notify-worker [--once]`: deliver the outbox (portal/services/notifications);
`flask --app portal notify-backfill [--dry-run]`: enqueue the reminders of things made before it.

The worker runs outside any web request; it reads the settings here, translates with the
portal's own catalogues, and hands everything to the plain-Python worker.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import click
from babel.support import Translations
from flask import current_app
from flask.cli import with_appcontext

from portal import clock, log_events
from portal.extensions import db


def translate_for(language: str):
    catalogue = Translations.load(
        str(Path(current_app.root_path) / "translations"), [language], domain="messages"
    )
    return catalogue.gettext


def worker_settings():
    from portal.services.calendar_file import uid_host
    from portal.services.notifications import quiet, worker

    organisation = current_app.config["ORGANISATION"]
    return worker.Settings(
        sender=organisation.jobcenter,
        quiet_hours=quiet.parse(current_app.config.get("QUIET_HOURS")),
        calendar_host=uid_host(organisation.email),
        organiser=(organisation.jobcenter, organisation.email),
    )


def _fault():
    """Tests only: stop the process right after a message was handed over, before it is marked
    sent (the crash the at-most-once design is about)."""
    if current_app.config["ENV_NAME"] == "test" and os.environ.get("PORTAL_NOTIFY_FAULT") == "exit":
        return lambda row: os._exit(3)
    return None


def _beat() -> None:
    """The heartbeat after a round, when configured. A file that cannot be written is logged and
    the worker goes on: sending matters more, and the missing heartbeat raises the alert."""
    if path := current_app.config.get("NOTIFY_METRICS_FILE"):
        from portal.services.notifications import heartbeat

        try:
            heartbeat.write(path, clock.now().timestamp())
        except OSError as error:
            log_events.worker_heartbeat_failed(error)


@click.command("notify-worker")
@click.option("--once", is_flag=True, help="Deliver what is due now, then exit (cron, tests).")
@click.option("--interval", default=30, show_default=True, help="Seconds between rounds.")
def notify_worker_command(once: bool, interval: int) -> None:
    """Deliver due notifications by e-mail and SMS until stopped."""
    from portal.services.notifications import channels, worker

    settings = worker_settings()
    chosen = channels.from_settings(current_app.config)
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    log_events.worker_started(once, interval)
    try:
        while True:
            counts = worker.run_once(
                db.session, chosen, settings, translate_for, clock.now(), after_send=_fault()
            )
            log_events.worker_round(
                counts.sent, counts.failed, counts.dropped, counts.deferred, counts.unconfirmed
            )
            _beat()
            if once or stopping:
                break
            for _ in range(interval):
                if stopping:
                    break
                time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        db.session.remove()
        log_events.worker_stopped()


@click.command("notify-backfill")
@click.option("--dry-run", is_flag=True, help="Count what would be added; change nothing.")
@click.option(
    "--batch-size",
    default=500,
    show_default=True,
    type=click.IntRange(1, 5000),
    help="Rows read and written per transaction.",
)
@with_appcontext
def notify_backfill_command(dry_run: bool, batch_size: int) -> None:
    """Enqueue the still-to-come reminders that bookings, deadline windows and meetings made
    before notifications never got. Run once after deploying; running it again adds nothing."""
    from portal.services.notifications import backfill

    try:
        counts = backfill.run(db.session, clock.now(), dry_run=dry_run, batch_size=batch_size)
    finally:
        db.session.remove()
    log_events.backfill_done(dry_run, counts.examined, counts.added, counts.batches)
    verb = "Would add" if dry_run else "Added"
    for kind in backfill.KINDS:
        click.echo(f"Examined {counts.examined[kind]} {kind}.")
    for key, count in sorted(counts.added.items()):
        click.echo(f"{verb} {count} {key}.")
    total = sum(counts.added.values())
    click.echo(f"{verb} {total} reminders in {counts.batches} batches.")
