"""Flask commands: `flask --app portal demo-data`, `flask --app portal sessions-clean-up`."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from portal.extensions import db


@click.command("demo-data")
def demo_data_command() -> None:
    """Load or refresh the demo people and their plans (safe to run again)."""
    from portal import clock, demo

    summary = demo.load(db.session, today=clock.today(), org=current_app.config["ORGANISATION"])
    db.session.commit()
    click.echo(f"Demo data ready: {summary}")


@click.command("sessions-clean-up")
@with_appcontext
def sessions_clean_up_command() -> None:
    """Remove ended sessions (run it every few minutes from cron); logged-in people's are kept
    in the audit trail as time-outs."""
    from portal.web import sessions

    removed = sessions.clean_up(current_app._get_current_object())
    click.echo(f"Removed {removed} ended sessions.")


def install(app: Flask) -> None:
    app.cli.add_command(demo_data_command)
    app.cli.add_command(sessions_clean_up_command)
