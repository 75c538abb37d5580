"""`flask --app portal backup PATH`: a consistent copy of the SQLite database while the portal
runs, through SQLite's online backup API (readers and writers carry on; the copy is one
transaction's view). PostgreSQL is backed up with its own tools (`pg_dump`/`pg_restore`, see the
README); the command says so rather than copying half a database.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy.engine import make_url


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(path: Path) -> None:
    """Copy the running SQLite database to PATH (a new file)."""
    url = make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise click.ClickException(
            "backup copies a SQLite file; for PostgreSQL use pg_dump (see the README)"
        )
    if path.exists():
        raise click.ClickException(f"{path} exists already; give a new file name")
    source = sqlite3.connect(url.database)
    target = sqlite3.connect(path)
    try:
        with target:
            source.backup(target)
    finally:
        target.close()
        source.close()
    click.echo(f"Backed up {url.database} to {path}.")
