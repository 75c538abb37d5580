"""Is this node ready to serve? The database answers and is migrated to the newest revision, and
Redis answers when one is configured. Plain checks for /readyz (portal/blueprints/health); each
returns the reason it failed, in words for an operator (no personal data, no connection string)."""

from __future__ import annotations

from pathlib import Path

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Engine


def database_problem(engine: Engine, migrations: Path) -> str | None:
    """None when the database answers and its revision is the migrations' head."""
    try:
        # `begin`: the probe ends with a commit, as the session store's reads do (a rollback
        # makes psycopg forget the pooled connection's prepared statements).
        with engine.begin() as connection:
            connection.execute(text("SELECT 1"))
            current = MigrationContext.configure(connection).get_current_revision()
    except Exception as error:
        return f"database: {type(error).__name__}"
    head = ScriptDirectory(str(migrations)).get_current_head()
    if current != head:
        return f"database: at revision {current}, head is {head}"
    return None


def redis_problem(client) -> str | None:
    """None when Redis answers a PING (or none is configured: client None)."""
    if client is None:
        return None
    try:
        client.ping()
    except Exception as error:
        return f"redis: {type(error).__name__}"
    return None
