"""A national-volume database: the demo people plus, at scale 1, 100,000 citizens (with 1,000
caseworkers and 20,000 relatives), 1,000,000 slots each with a booking, 1,000,000 plan efforts
with one history row each, 50,000 meetings, 20,000 fuldmagter with their events, 20,000
published outcomes and 10,000,000 audit rows. `scale` multiplies every count (0.001 for a test).

Rows are written in bulk, not through the ORM: one executemany per 20,000 rows on SQLite
(foreign keys and fsyncs off on the loading connection), `COPY ... FROM STDIN` through psycopg on
PostgreSQL. Ids are given explicitly so children can name their parents without reading them
back; PostgreSQL's sequences are moved past them afterwards.

The demo caseworker Anders gets 100 of the generated citizens in his caseload (a realistic
caseload), so his pages meet a full list; every other generated citizen has a generated
caseworker. Generated slots start at :17 or :47 past the hour, so they never meet the demo's.
"""

from __future__ import annotations

import functools
import itertools
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, column, func, select, table, text

from portal import clock
from portal.extensions import db
from portal.models import Person
from scripts.scale_rows import (
    ANDERS_SHARE,
    AUDIT,
    BASE_TABLES,
    BOOKING,
    EFFORT,
    FULDMAGT,
    MEETING,
    OUTCOME_VERSION,
    PER_CASEWORKER,
    PERSON,
    PLAN_CHANGE,
    SLOT,
    _audit,
    _bookings,
    _changes,
    _efforts,
    _people,
    _slots,
    _versions,
)

CHUNK = 20_000
BASE = {  # rows at scale 1
    "citizens": 100_000,
    "relatives": 20_000,
    "bookings": 1_000_000,
    "efforts": 1_000_000,
    "meetings": 50_000,
    "fuldmagter": 20_000,
    "outcomes": 20_000,
    "audit": 10_000_000,
}


@dataclass
class Counts:
    rows: dict[str, int]
    seconds: float


def counts_for(scale: float) -> dict[str, int]:
    return {name: max(1, int(n * scale)) for name, n in BASE.items()}


class Writer:
    """Appends rows (tuples in the table's column order) to one table, backend by backend."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.postgres = engine.dialect.name == "postgresql"

    def next_id(self, conn, name: str) -> int:
        return (
            conn.execute(select(func.max(column("id"))).select_from(table(name))).scalar() or 0
        ) + 1

    def write(self, conn, name: str, columns: tuple[str, ...], rows: Iterable[tuple]) -> int:
        if self.postgres:
            return self._copy(conn, name, columns, rows)
        # The DB-API's executemany through SQLAlchemy's connection: no per-row dictionaries.
        # Table and column names come from this module's constants, never from input.
        names, marks = ", ".join(columns), ", ".join("?" * len(columns))
        statement = f'INSERT INTO "{name}" ({names}) VALUES ({marks})'  # noqa: S608
        written = 0
        for chunk in _chunks(rows, CHUNK):
            conn.exec_driver_sql(statement, [_sqlite(row) for row in chunk])
            written += len(chunk)
        return written

    def _copy(self, conn, name: str, columns: tuple[str, ...], rows: Iterable[tuple]) -> int:
        raw = conn.connection.dbapi_connection
        written = 0
        with (
            raw.cursor() as cursor,
            cursor.copy(f'COPY "{name}" ({", ".join(columns)}) FROM STDIN') as copy,
        ):
            for row in rows:
                copy.write_row(row)
                written += 1
        return written

    def drop_indexes(self, conn, name: str) -> list[str]:
        """Drop the table's secondary indexes (not those behind a constraint); their CREATE
        statements, to build each once after the load instead of row by row during it."""
        if self.postgres:
            rows = conn.execute(
                text(
                    "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = :t "
                    "AND indexname NOT IN (SELECT conname FROM pg_constraint)"
                ),
                {"t": name},
            ).all()
        else:
            rows = conn.execute(
                text(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                    "AND tbl_name = :t AND sql IS NOT NULL"
                ),
                {"t": name},
            ).all()
        for index, _ in rows:
            conn.exec_driver_sql(f'DROP INDEX "{index}"')
        return [create for _, create in rows]

    def after(self, conn, names: Iterable[str]) -> None:
        if self.postgres:
            for name in names:
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('\"{name}\"', 'id'), "  # noqa: S608
                        f'(SELECT max(id) FROM "{name}"))'
                    )
                )
            conn.execute(text("ANALYZE"))
        else:
            conn.execute(text("ANALYZE"))


def _sqlite(row: tuple) -> tuple:
    """Values as SQLAlchemy stores them on SQLite (its DateTime's text form, booleans as 0/1)."""
    return tuple(_stored(v) if isinstance(v, datetime) else v for v in row)


@functools.lru_cache(maxsize=200_000)
def _stored(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M:%S.%f}"  # a few thousand distinct instants, formatted once


def _chunks(rows: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    iterator = iter(rows)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _naive(moment: datetime) -> datetime:
    """Stored instants are naive UTC (portal/models/types.py)."""
    return moment.replace(tzinfo=None, microsecond=0)


def build(engine: Engine, scale: float = 1.0, log=print) -> Counts:
    """Add the generated rows to a migrated database that holds the demo data."""
    started = time.perf_counter()
    n = counts_for(scale)
    now = _naive(clock.now())
    today = clock.today()
    writer = Writer(engine)
    written: dict[str, int] = {}
    if not writer.postgres:
        _sqlite_bulk_mode(engine, on=True)
    with engine.begin() as conn:
        if not writer.postgres:
            conn.exec_driver_sql("PRAGMA synchronous=OFF")
            conn.exec_driver_sql("PRAGMA cache_size=-262144")  # 256 MB for the index builds
            # The ids are consistent by construction.
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        anders = conn.execute(select(Person.id).where(Person.subject == "demo-anders")).scalar_one()
        ids = {name: writer.next_id(conn, name) for name in BASE_TABLES}

        def put(name, columns, rows):
            begun = time.perf_counter()
            indexes = writer.drop_indexes(conn, name)
            written[name] = written.get(name, 0) + writer.write(conn, name, columns, rows)
            for create in indexes:
                conn.exec_driver_sql(create)
            log(f"  {name:16} {written[name]:>12,} rows  {time.perf_counter() - begun:6.1f} s")

        # People: caseworkers, citizens (100 of them Anders's), relatives.
        caseworkers = max(1, n["citizens"] // PER_CASEWORKER)
        first_cw = ids["person"]
        first_citizen = first_cw + caseworkers
        first_relative = first_citizen + n["citizens"]
        put("person", PERSON, _people(first_cw, caseworkers, n, anders))
        citizens = range(first_citizen, first_citizen + n["citizens"])

        def caseworker_of(citizen: int) -> int:
            k = citizen - first_citizen
            return anders if k < ANDERS_SHARE else first_cw + k % caseworkers

        # The plan: one per citizen, efforts spread evenly, one history row per effort.
        put(
            "plan",
            ("id", "citizen_id", "goal", "created_at"),
            (
                (ids["plan"] + k, c, "Et arbejde, jeg kan holde til.", now - timedelta(days=400))
                for k, c in enumerate(citizens)
            ),
        )
        put("effort", EFFORT, _efforts(ids["effort"], ids["plan"], n, today))
        put(
            "plan_change",
            PLAN_CHANGE,
            _changes(ids["plan_change"], ids["effort"], ids["plan"], n, now),
        )
        # Conversations: every slot has a booking; past and coming, a tenth cancelled.
        put("slot", SLOT, _slots(ids["slot"], n, citizens, caseworker_of, now))
        put(
            "booking",
            BOOKING,
            _bookings(ids["booking"], ids["slot"], n, citizens, caseworker_of, now),
        )
        put(
            "meeting",
            MEETING,
            (
                (
                    ids["meeting"] + k,
                    citizens[(k * 2) % len(citizens)],
                    now + timedelta(days=10 + k % 30, hours=1),
                    30,
                    "Jobcentret",
                    None,
                    now + timedelta(days=8 + k % 30),
                    15,
                    now,
                    None,
                )
                for k in range(n["meetings"])
            ),
        )
        put(
            "fuldmagt",
            FULDMAGT,
            (
                (
                    ids["fuldmagt"] + k,
                    citizens[k % len(citizens)],
                    first_relative + k % n["relatives"],
                    "se",
                    today - timedelta(days=30),
                    today + timedelta(days=60),
                    now - timedelta(days=30),
                    None,
                    None,
                )
                for k in range(n["fuldmagter"])
            ),
        )
        put(
            "fuldmagt_event",
            ("id", "fuldmagt_id", "at", "kind", "by_id", "scopes", "ends_on"),
            (
                (
                    ids["fuldmagt_event"] + k,
                    ids["fuldmagt"] + k,
                    now - timedelta(days=30),
                    "granted",
                    citizens[k % len(citizens)],
                    "se",
                    today + timedelta(days=60),
                )
                for k in range(n["fuldmagter"])
            ),
        )
        put(
            "outcome",
            (
                "id",
                "citizen_id",
                "kind",
                "follows_id",
                "created_at",
                "created_by_id",
                "request_key",
            ),
            (
                (
                    ids["outcome"] + k,
                    citizens[k % len(citizens)],
                    "indstilling",
                    None,
                    now - timedelta(days=60),
                    None,
                    None,
                )
                for k in range(n["outcomes"])
            ),
        )
        put(
            "outcome_version",
            OUTCOME_VERSION,
            _versions(ids["outcome_version"], ids["outcome"], n, now, today),
        )
        put("audit_event", AUDIT, _audit(ids["audit_event"], n, citizens, now))
        writer.after(conn, BASE_TABLES)
    if not writer.postgres:
        _sqlite_bulk_mode(engine, on=False)
    return Counts(rows=written, seconds=time.perf_counter() - started)


def _sqlite_bulk_mode(engine: Engine, on: bool) -> None:
    """One big load into SQLite without a write-ahead log (it would hold the whole load, and
    every read of it gets slower as it grows); WAL again afterwards, as the portal runs it."""
    engine.dispose()  # leaving WAL mode needs the only connection
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA journal_mode=" + ("DELETE" if on else "WAL"))
    engine.dispose()


def load(url: str, scale: float, *, with_demo: bool = True, log=print) -> Counts | None:
    """Migrate the database at `url`, load the demo people, and (scale > 0) the generated rows."""
    from flask_migrate import upgrade

    from portal import create_app, demo

    app = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
        if with_demo:
            demo.load(db.session, today=clock.today())
            db.session.commit()
        db.session.remove()
        counts = build(db.engine, scale, log=log) if scale > 0 else None
        db.engine.dispose()
    return counts
