"""Extension singletons, bound to the app in create_app."""

from flask_babel import Babel
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase

# Named constraints keep Alembic migrations portable between SQLite (batch mode) and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
csrf = CSRFProtect()
babel = Babel()


def _lower(value):
    return value.lower() if isinstance(value, str) else value


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record) -> None:
    """SQLite: enforce foreign keys and wait for a lock instead of failing at once. A database
    file runs in WAL mode with synchronous=NORMAL: readers no longer wait for a writer, and a
    commit writes to the log without an fsync each time (a power cut can lose the last commits,
    never corrupt the file). An in-memory database has no log and keeps its own journal."""
    if type(dbapi_connection).__module__ == "sqlite3":
        # SQLite's own lower() changes only A-Z; Python's, like PostgreSQL's, also Æ, Ø, Å and
        # the rest, so a name search ignores case the same way on both databases.
        dbapi_connection.create_function("lower", 1, _lower, deterministic=True)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA database_list")
        in_file = any(row[1] == "main" and row[2] for row in cursor.fetchall())
        if in_file:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


@event.listens_for(Engine, "savepoint")
def _sqlite_savepoint_inside_the_transaction(connection, name) -> None:
    """SQLite's driver begins a transaction only before the first write, so a savepoint opened
    before any write would start one of its own, and releasing it would commit: one change split
    in several. Begin the transaction first (a service's savepoint then stays inside it)."""
    if connection.dialect.name == "sqlite":
        raw = connection.connection.dbapi_connection
        if not raw.in_transaction:
            raw.execute("BEGIN")
