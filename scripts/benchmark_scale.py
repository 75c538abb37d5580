"""Server cost at national volume: server time and SQL statements per page, on the demo-size
database and on a generated national one (scripts/scale_data.py), SQLite or PostgreSQL.

    .venv/bin/python scripts/benchmark_scale.py                     # SQLite files in a temp dir
    .venv/bin/python scripts/benchmark_scale.py --scale 0.1 --requests 30
    .venv/bin/python scripts/benchmark_scale.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/postgres
    .venv/bin/python scripts/benchmark_scale.py --throughput-only   # gunicorn: portal vs bare Flask

Server time is measured in-process: the Flask test client, logged in as the demo citizen Hanne
and the demo caseworker Anders, requests each page (WARM_UP requests first, then `--requests`
timed ones); p50 and p95 of the wall time of `client.get`, and the statements the request
sent (the audit insert included). With a PostgreSQL URL, the script makes two fresh databases on
that server and drops them afterwards (`--keep` keeps them and the SQLite files).

`--throughput` (or `--throughput-only`) then compares the citizen pages, served from the
demo-size SQLite database with gunicorn, with a bare Flask page in the same run
(scripts/benchmark_throughput.py). Not a test: the numbers depend on the machine and on what
else runs on it.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PORTAL_ENV", "test")

from sqlalchemy import create_engine, event, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from scripts import scale_data  # noqa: E402
from scripts.benchmark_throughput import throughput  # noqa: E402

CITIZEN_PAGES = [
    "/",
    "/plan",
    "/plan/historik",
    "/samtaler",
    "/samtaler/book",
    "/moede",
    "/moede/deltagelse",
    "/resultater",
    "/fuldmagt",
    "/fuldmagt/ny",
    "/log",
    "/det-sker-snart",
]
STAFF_PAGES = [
    "/medarbejder",
    "/medarbejder?q=han",
    "/medarbejder/borger/{hanne}",
    "/medarbejder/borger/{hanne}/samtaler",
    "/medarbejder/borger/{hanne}/moede",
    "/medarbejder/borger/{hanne}/resultater",
    "/medarbejder/tider",
]
# A served page is a warm one: psycopg prepares a statement on its sixth run on a connection,
# so the first requests of a page plan every query and would land in the p95 of a short run.
WARM_UP = 10
TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


# --- Databases ------------------------------------------------------------------------------


@contextmanager
def database(
    server: str | None, name: str, folder: Path, keep: bool, reuse: bool = False
) -> Iterator[str]:
    """A fresh, empty database: a SQLite file in `folder` (the one there when `reuse`), or a
    new database on `server`."""
    if server is None:
        path = folder / f"{name}.sqlite3"
        for stale in [] if reuse else folder.glob(f"{name}.sqlite3*"):
            stale.unlink()
        yield f"sqlite:///{path}"
        return
    dbname = f"bench_{name}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{dbname}"'))
    try:
        yield make_url(server).set(database=dbname).render_as_string(hide_password=False)
    finally:
        if not keep:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)'))
        admin.dispose()


def settle(url: str) -> None:
    """PostgreSQL: vacuum the freshly loaded database before measuring. Bulk-loaded tables get
    autovacuum's first pass soon after the load, and on a two-core machine that pass would
    share the cores with the measurement; a database in service is long past it."""
    if not url.startswith("postgresql"):
        return
    begun = time.perf_counter()
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("VACUUM (ANALYZE)"))
    engine.dispose()
    print(f"vacuumed in {time.perf_counter() - begun:.0f} s")


# --- Server time in-process -----------------------------------------------------------------


def _login(client, subject: str) -> None:
    page = client.get("/log-ind").get_data(as_text=True)
    response = client.post(
        "/log-ind",
        data={"csrf_token": TOKEN.search(page).group(1), "subject": subject, "next": ""},
    )
    assert response.status_code == 302, f"log-in as {subject} failed"


def measure(
    url: str, requests: int, pages: dict[str, list[str]] | None = None, plans: list | None = None
) -> list[dict]:
    """[{who, page, p50_ms, p95_ms, statements, status}] for every page; `plans`, when given,
    receives the query plan of every distinct SELECT the pages sent (`explain`)."""
    from portal import create_app
    from portal.extensions import db
    from portal.models import Person

    app = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        hanne = db.session.scalar(select(Person.id).where(Person.subject == "demo-hanne"))
        engine = db.engine
        db.session.remove()
    pages = pages or {
        "demo-hanne": CITIZEN_PAGES,
        "demo-anders": [p.format(hanne=hanne) for p in STAFF_PAGES],
    }
    sent: list[str] = []
    seen: dict[str, tuple] = {}  # every distinct statement with one set of its parameters

    def keep(conn, cursor, statement, parameters, context, executemany):
        sent.append(statement)
        if statement.lstrip().upper().startswith("SELECT") and not executemany:
            seen.setdefault(statement, parameters)

    event.listen(engine, "before_cursor_execute", keep)
    results = []
    try:
        for who, paths in pages.items():
            client = app.test_client()
            _login(client, who)
            for path in paths:
                for _ in range(WARM_UP):
                    client.get(path)
                times, counts, status = [], [], None
                for _ in range(requests):
                    sent.clear()
                    begun = time.perf_counter()
                    response = client.get(path)
                    times.append((time.perf_counter() - begun) * 1000)
                    counts.append(sum(1 for s in sent if not _bookkeeping(s)))
                    status = response.status_code
                times.sort()
                results.append(
                    {
                        "who": who.removeprefix("demo-"),
                        "page": path,
                        "p50_ms": statistics.median(times),
                        "p95_ms": times[min(len(times) - 1, int(len(times) * 0.95))],
                        "statements": max(counts),
                        "status": status,
                    }
                )
        if plans is not None:
            plans += explain(engine, seen)
    finally:
        with app.app_context():
            db.engine.dispose()
    return results


def explain(engine, statements: dict[str, tuple]) -> list[tuple[str, str]]:
    """(statement, plan) for each statement: EXPLAIN QUERY PLAN on SQLite, EXPLAIN on
    PostgreSQL, run with the parameters the page used."""
    sqlite = engine.dialect.name == "sqlite"
    found = []
    with engine.connect() as conn:
        for statement, parameters in statements.items():
            prefix = "EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN "
            rows = conn.exec_driver_sql(prefix + statement, parameters).all()
            plan = "\n".join(str(row[-1]) for row in rows)
            found.append((" ".join(statement.split()), plan))
    return found


def full_scans(plans: list[tuple[str, str]], big_tables: tuple[str, ...]) -> list[str]:
    """The plans that read one of the big tables whole (no index)."""
    flagged = []
    for statement, plan in plans:
        for line in plan.splitlines():
            words = line.replace('"', "").split()
            scanned = (
                words[words.index("SCAN") + 1]
                if "SCAN" in words and "INDEX" not in words and "USING" not in words
                else words[words.index("on") + 1]
                if "Seq" in words and "on" in words
                else None
            )
            if scanned in big_tables:
                flagged.append(f"{scanned}: {line.strip()}\n    in {statement[:200]}")
    return flagged


def _bookkeeping(statement: str) -> bool:
    return statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "BEGIN", "PRAGMA"))


def print_table(runs: dict[str, list[dict]]) -> None:
    names = list(runs)
    header = f"{'who':8} {'page':40}" + "".join(f" | {n[:22]:>22} p50/p95 ms, stmts" for n in names)
    print(header)
    print("-" * len(header))
    first = runs[names[0]]
    for i, row in enumerate(first):
        line = f"{row['who']:8} {row['page'][:40]:40}"
        for n in names:
            r = runs[n][i]
            flag = "" if r["status"] == 200 else f" ({r['status']})"
            line += f" | {r['p50_ms']:>10.1f} / {r['p95_ms']:>6.1f}, {r['statements']:>4}{flag}"
        print(line)


# --- Main -----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 = 100,000 citizens")
    parser.add_argument("--database-url", help="a PostgreSQL server (default: SQLite files)")
    parser.add_argument("--requests", type=int, default=50, help="timed requests per page")
    parser.add_argument("--folder", type=Path, help="where the SQLite files go")
    parser.add_argument("--keep", action="store_true", help="keep the databases afterwards")
    parser.add_argument(
        "--reuse", action="store_true", help="SQLite: measure the national file kept in --folder"
    )
    parser.add_argument("--throughput", action="store_true", help="also gunicorn throughput")
    parser.add_argument("--throughput-only", action="store_true")
    parser.add_argument(
        "--seconds", type=int, default=10, help="one-second turns a page, for throughput"
    )
    args = parser.parse_args(argv)

    folder = args.folder or Path(tempfile.mkdtemp(prefix="enplan-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    backend = "postgresql" if args.database_url else "sqlite"
    try:
        if args.throughput_only:
            with database(None, "demo", folder, True) as url:
                scale_data.load(url, 0, log=lambda *_: None)
                throughput(url, args.seconds)
            return
        runs = {}
        with database(args.database_url, "demo", folder, args.keep) as url:
            scale_data.load(url, 0)
            runs[f"{backend} demo"] = measure(url, args.requests)
            if args.throughput and backend == "sqlite":
                throughput(url, args.seconds)
        national = folder / "national.sqlite3"
        reuse = args.reuse and backend == "sqlite" and national.exists()
        with database(args.database_url, "national", folder, args.keep, reuse) as url:
            if reuse:
                print(f"reusing {national}")
            else:
                counts = scale_data.load(url, args.scale)
                total = sum(counts.rows.values())
                print(f"generated {total:,} rows at scale {args.scale} in {counts.seconds:.0f} s")
                settle(url)
            plans: list = []
            runs[f"{backend} x{args.scale}"] = measure(url, args.requests, plans=plans)
        print()
        print_table(runs)
        scans = full_scans(plans, scale_data.BASE_TABLES)
        print(f"\n{len(plans)} distinct SELECTs explained; reading a big table whole: {len(scans)}")
        for line in scans:
            print("  " + line)
    finally:
        if not args.keep and not args.reuse and args.folder is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
