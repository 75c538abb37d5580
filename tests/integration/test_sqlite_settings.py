"""SQLite settings the portal relies on for concurrent readers and cheap commits."""

from __future__ import annotations

from sqlalchemy import text

from portal import create_app
from portal.extensions import db


def _pragmas(url: str) -> tuple[str, int, int]:
    app = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        try:
            return tuple(
                db.session.execute(text(f"PRAGMA {name}")).scalar()
                for name in ("journal_mode", "synchronous", "foreign_keys")
            )
        finally:
            db.session.remove()
            db.engine.dispose()


def test_a_database_file_runs_in_wal_mode_with_normal_sync(tmp_path):
    mode, synchronous, foreign_keys = _pragmas(f"sqlite:///{tmp_path / 'portal.sqlite3'}")
    assert mode == "wal"
    assert synchronous == 1  # NORMAL
    assert foreign_keys == 1


def test_an_in_memory_database_keeps_its_own_journal():
    mode, _, foreign_keys = _pragmas("sqlite://")
    assert mode == "memory" and foreign_keys == 1
