"""`flask --app portal notify-worker [--once]`: deliver the outbox (portal/services/notifications).

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
