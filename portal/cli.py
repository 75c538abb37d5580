"""Flask commands: `flask --app portal demo-data`, `flask --app portal notify-worker`."""

from __future__ import annotations

import click
from flask import Flask, current_app

from portal.extensions import db


@click.command("demo-data")
def demo_data_command() -> None:
    """Load or refresh the demo people and their plans (safe to run again)."""
    from portal import clock, demo

    summary = demo.load(db.session, today=clock.today(), org=current_app.config["ORGANISATION"])
    db.session.commit()
    click.echo(f"Demo data ready: {summary}")


def install(app: Flask) -> None:
    from portal.notify_cli import notify_worker_command

    app.cli.add_command(demo_data_command)
    app.cli.add_command(notify_worker_command)
