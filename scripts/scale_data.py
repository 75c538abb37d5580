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
from datetime import date, datetime, timedelta

from sqlalchemy import Engine, column, func, select, table, text

from portal import clock
from portal.extensions import db
from portal.models import Person

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
PER_CASEWORKER = 100  # citizens in a generated caseload
ANDERS_SHARE = 100  # generated citizens in the demo caseworker's caseload
DEPARTMENTS = ("employment", "health", "social", "education")
LAWS = ("beskaeftigelsesloven", "sundhedsloven", "serviceloven")
STATUSES = ("planned", "ongoing", "done", "done", "cancelled")
ACTIONS = ("plan.view", "booking.view", "meeting.view", "outcomes.view", "overview.view")


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


BASE_TABLES = (
    "person",
    "plan",
    "effort",
    "plan_change",
    "slot",
    "booking",
    "meeting",
    "fuldmagt",
    "fuldmagt_event",
    "outcome",
    "outcome_version",
    "audit_event",
)
PERSON = (
    "id",
    "subject",
    "kind",
    "first_name",
    "last_name",
    "phone",
    "job_title",
    "office_hours",
    "course",
    "caseworker_id",
)
EFFORT = (
    "id",
    "plan_id",
    "title",
    "meaning",
    "department",
    "law",
    "payer",
    "status",
    "start_date",
    "end_date",
    "sensitive",
)
PLAN_CHANGE = ("id", "plan_id", "effort_id", "at", "kind", "department", "effort_title")
SLOT = ("id", "caseworker_id", "starts_at", "ends_at", "forms", "place", "created_at")
BOOKING = (
    "id",
    "slot_id",
    "citizen_id",
    "kind",
    "status",
    "form",
    "topic",
    "booked_by_id",
    "booked_at",
    "ended_at",
    "ended_by_id",
    "cancel_reason",
)
MEETING = (
    "id",
    "citizen_id",
    "starts_at",
    "duration_minutes",
    "place",
    "video_url",
    "change_deadline",
    "video_opens_minutes",
    "created_at",
    "created_by_id",
)
FULDMAGT = (
    "id",
    "citizen_id",
    "holder_id",
    "scopes",
    "starts_on",
    "ends_on",
    "created_at",
    "revoked_at",
    "given_up_at",
)
OUTCOME_VERSION = (
    "id",
    "outcome_id",
    "number",
    "title",
    "decided",
    "meaning",
    "next_steps",
    "if_you_disagree",
    "formal_text",
    "decision_date",
    "appeal_weeks",
    "created_at",
    "published_at",
)
AUDIT = ("id", "at", "actor_id", "actor_role", "citizen_id", "action", "target", "outcome")
FIRST_NAMES = (
    "Anna",
    "Bo",
    "Camilla",
    "Dennis",
    "Emma",
    "Frederik",
    "Gitte",
    "Henrik",
    "Ida",
    "Jonas",
)
LAST_NAMES = (
    "Andersen",
    "Berg",
    "Christensen",
    "Dahl",
    "Eriksen",
    "Friis",
    "Holm",
    "Jensen",
    "Kjær",
    "Lund",
)


def _people(first: int, caseworkers: int, n: dict[str, int], anders: int) -> Iterator[tuple]:
    pid = first
    for k in range(caseworkers):
        yield (
            pid,
            f"scale-cw-{pid}",
            "caseworker",
            "Sagsbehandler",
            f"Nr{k}",
            "70 00 00 00",
            "Sagsbehandler",
            "Mandag-fredag kl. 9-12",
            None,
            None,
        )
        pid += 1
    for k in range(n["citizens"]):
        worker = anders if k < ANDERS_SHARE else first + k % caseworkers
        yield (
            pid,
            f"scale-citizen-{pid}",
            "citizen",
            FIRST_NAMES[k % 10],
            f"{LAST_NAMES[(k // 10) % 10]}{k}",
            None,
            None,
            None,
            "jobafklaring",
            worker,
        )
        pid += 1
    for k in range(n["relatives"]):
        yield (
            pid,
            f"scale-relative-{pid}",
            "relative",
            "Pårørende",
            f"Nr{k}",
            None,
            None,
            None,
            None,
            None,
        )
        pid += 1


def _efforts(first: int, first_plan: int, n: dict[str, int], today: date) -> Iterator[tuple]:
    for k in range(n["efforts"]):
        start = today + timedelta(days=(k % 400) - 300)
        yield (
            first + k,
            first_plan + k % n["citizens"],
            f"Indsats {k % 50}",
            "Det betyder, at du får hjælp.",
            DEPARTMENTS[k % 4],
            LAWS[k % 3],
            "municipality",
            STATUSES[k % 5],
            start,
            start + timedelta(days=90),
            False,
        )


def _changes(
    first: int, first_effort: int, first_plan: int, n: dict[str, int], now: datetime
) -> Iterator[tuple]:
    for k in range(n["efforts"]):
        yield (
            first + k,
            first_plan + k % n["citizens"],
            first_effort + k,
            now - timedelta(days=k % 400),
            "effort_added",
            DEPARTMENTS[k % 4],
            f"Indsats {k % 50}",
        )


def _slot_time(k_in_caseload: int, now: datetime) -> datetime:
    """Distinct times per caseworker: ten a day, at :17 and :47, from 80 days ago on."""
    day, hour = divmod(k_in_caseload, 10)
    return (now - timedelta(days=80) + timedelta(days=day)).replace(
        hour=7 + hour // 2, minute=17 + 30 * (hour % 2)
    )


def _slot_plan(n: dict[str, int], citizens: range, caseworker_of):
    """(slot offset, caseworker, citizen, the slot's number within that caseworker's slots)."""
    per_worker: dict[int, int] = {}
    for k in range(n["bookings"]):
        citizen = citizens[k % len(citizens)]
        worker = caseworker_of(citizen)
        number = per_worker.get(worker, 0)
        per_worker[worker] = number + 1
        yield k, worker, citizen, number


def _slots(first: int, n, citizens, caseworker_of, now: datetime) -> Iterator[tuple]:
    for k, worker, _, number in _slot_plan(n, citizens, caseworker_of):
        starts = _slot_time(number, now)
        yield (
            first + k,
            worker,
            starts,
            starts + timedelta(minutes=30),
            "fremmoede,telefon,video",
            "Jobcentret",
            now - timedelta(days=200),
        )


def _bookings(
    first: int, first_slot: int, n, citizens, caseworker_of, now: datetime
) -> Iterator[tuple]:
    for k, worker, citizen, number in _slot_plan(n, citizens, caseworker_of):
        starts = _slot_time(number, now)
        cancelled = k % 10 == 0
        yield (
            first + k,
            first_slot + k,
            citizen,
            "summons",
            "cancelled" if cancelled else "active",
            "telefon",
            "Opfølgningssamtale",
            worker,
            starts - timedelta(days=14),
            starts - timedelta(days=2) if cancelled else None,
            citizen if cancelled else None,
            "Syg" if cancelled else None,
        )


def _versions(first: int, first_outcome: int, n, now: datetime, today: date) -> Iterator[tuple]:
    for k in range(n["outcomes"]):
        yield (
            first + k,
            first_outcome + k,
            1,
            "Teamets indstilling",
            "Teamet anbefaler et ressourceforløb.",
            "Det betyder, at du får hjælp i et år.",
            "Du hører fra os.",
            "Ring til os.",
            "Indstilling.",
            today - timedelta(days=60),
            4,
            now - timedelta(days=60),
            now - timedelta(days=59),
        )


def _audit(first: int, n, citizens: range, now: datetime) -> Iterator[tuple]:
    count = len(citizens)
    for k in range(n["audit"]):
        citizen = citizens[k % count]
        yield (
            first + k,
            now - timedelta(minutes=k // count * 37 + k % 600),
            citizen,
            "citizen",
            citizen,
            ACTIONS[k % 5],
            "/plan",
            "allowed",
        )


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
