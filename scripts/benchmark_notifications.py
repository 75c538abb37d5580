"""The notification worker under load: N due rows on PostgreSQL, drained by 1, 2 and 4 worker
processes into a local SMTP server; prints throughput and duplicates.

    .venv/bin/python scripts/benchmark_notifications.py                  # 10,000 rows, 1/2/4 workers
    .venv/bin/python scripts/benchmark_notifications.py --rows 2000 --workers 1 2
    .venv/bin/python scripts/benchmark_notifications.py --server postgresql+psycopg://postgres@127.0.0.1:5432/postgres

Each round runs in a fresh database on the server (dropped afterwards). Every worker is its own
process with its own connection, claiming rows with FOR UPDATE SKIP LOCKED, exactly as several
`flask --app portal notify-worker` processes on several machines would. A duplicate is a second
message at the SMTP server with the same idempotency key. Not a test: the numbers depend on the
machine.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("PORTAL_ENV", "test")

from flask_migrate import upgrade
from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from portal import clock, create_app
from portal.extensions import db
from portal.models import ContactSettings, Notification, Person
from portal.services.notifications import channels, worker
from tests.notification_servers import smtp_server


def _database(server: str) -> str:
    name = f"portal_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(server).set(database=name).render_as_string(hide_password=False)


def _drop(server: str, url: str) -> None:
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
    admin.dispose()


def _prepare(url: str, rows: int) -> None:
    app = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": url})
    now = clock.now()
    with app.app_context():
        upgrade()
        person = Person(subject="bench", kind="citizen", first_name="Bench", last_name="Mark")
        db.session.add(person)
        db.session.flush()
        db.session.add(
            ContactSettings(
                person_id=person.id,
                email="bench@example.dk",
                receipts="email",
                reminders="email",
                delegate_copies=False,
                updated_at=now,
            )
        )
        db.session.execute(
            insert(Notification),
            [
                {
                    "recipient_id": person.id,
                    "citizen_id": person.id,
                    "channel": "email",
                    "message_key": "outcome_published",
                    "event_key": f"bench:{n}",
                    "refs": {},
                    "urgency": "receipt",
                    "status": "pending",
                    "due_at": now,
                    "attempts": 0,
                    "created_at": now,
                }
                for n in range(rows)
            ],
        )
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


def _work(url: str, port: int) -> None:
    engine = create_engine(url)
    chosen = {"email": channels.Smtp("127.0.0.1", port, "bench@aaby.example")}
    settings = worker.Settings(sender="Jobcenter Åby", batch=100)
    with Session(engine) as session:
        worker.run_once(session, chosen, settings, lambda language: lambda t: t, clock.now())
    engine.dispose()


def round_(server: str, rows: int, workers: int) -> tuple[float, int, int]:
    url = _database(server)
    try:
        _prepare(url, rows)
        with smtp_server() as (inbox, port):
            started = time.perf_counter()
            processes = [
                multiprocessing.Process(target=_work, args=(url, port)) for _ in range(workers)
            ]
            for process in processes:
                process.start()
            for process in processes:
                process.join()
            seconds = time.perf_counter() - started
            keys = Counter(message["Message-ID"] for message in inbox.messages)
        return seconds, len(inbox.messages), sum(n - 1 for n in keys.values() if n > 1)
    finally:
        _drop(server, url)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--server", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    print(f"{args.rows} due e-mails on PostgreSQL, local SMTP server (aiosmtpd)")
    print(f"{'workers':>7} {'seconds':>8} {'per second':>11} {'delivered':>10} {'duplicates':>11}")
    for workers in args.workers:
        seconds, delivered, duplicates = round_(args.server, args.rows, workers)
        print(
            f"{workers:>7} {seconds:>8.1f} {args.rows / seconds:>11.0f} {delivered:>10} "
            f"{duplicates:>11}"
        )


if __name__ == "__main__":
    main()
