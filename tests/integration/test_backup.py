"""Backup and restore, tested: the running demo database is copied (SQLite's online backup, or
pg_dump/pg_restore for PostgreSQL), restored into a fresh database, migrated to head, and Hanne's
plan is served from it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from flask_migrate import upgrade
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from portal import clock, demo
from portal.extensions import db
from tests.conftest import PG_URL, make_app
from tests.helpers import login

FLASK = Path(sys.executable).with_name("flask")


def _serve_hannes_plan(url: str) -> str:
    app = make_app(url)
    try:
        with app.app_context():
            upgrade()  # a restored database is migrated to head before it serves
        client = app.test_client()
        login(client, "demo-hanne")
        page = client.get("/plan")
        assert page.status_code == 200
        return page.get_data(as_text=True)
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def _demo_database(url: str) -> None:
    app = make_app(url)
    with app.app_context():
        upgrade()
        demo.load(db.session, today=clock.today())
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


def test_a_sqlite_backup_restores_and_serves_the_plan(tmp_path):
    live = tmp_path / "live.sqlite3"
    _demo_database(f"sqlite:///{live}")
    copy = tmp_path / "backup.sqlite3"
    env = {**os.environ, "PORTAL_ENV": "test", "PORTAL_DATABASE_URL": f"sqlite:///{live}"}
    done = subprocess.run(
        [str(FLASK), "--app", "portal", "backup", str(copy)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    again = subprocess.run(
        [str(FLASK), "--app", "portal", "backup", str(copy)], env=env, capture_output=True
    )
    assert again.returncode != 0  # never over an existing file
    restored = tmp_path / "restored.sqlite3"
    shutil.copyfile(copy, restored)
    assert "Hanne" in _serve_hannes_plan(f"sqlite:///{restored}")


@pytest.mark.skipif(not PG_URL, reason="PostgreSQL is not configured for the tests")
def test_a_postgresql_dump_restores_and_serves_the_plan(tmp_path):
    if not shutil.which("pg_dump"):
        pytest.skip("pg_dump is not installed")
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    names = [f"portal_backup_{uuid.uuid4().hex[:10]}" for _ in range(2)]
    with admin.connect() as conn:
        for name in names:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    live, restored = (
        make_url(PG_URL).set(database=n).render_as_string(hide_password=False) for n in names
    )
    try:
        _demo_database(live)
        dump = tmp_path / "portal.dump"
        libpq = make_url(live).set(drivername="postgresql").render_as_string(hide_password=False)
        target = make_url(restored).set(drivername="postgresql")
        subprocess.run(["pg_dump", "--format=custom", f"--file={dump}", libpq], check=True)
        subprocess.run(
            ["pg_restore", "--no-owner", f"--dbname={target.render_as_string(False)}", str(dump)],
            check=True,
        )
        assert "Hanne" in _serve_hannes_plan(restored)
    finally:
        with admin.connect() as conn:
            for name in names:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
