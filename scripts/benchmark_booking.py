"""Booking under contention, measured: many citizens race for few slots through the WSGI app.

    .venv/bin/python scripts/benchmark_booking.py                 # SQLite file in a temp dir
    .venv/bin/python scripts/benchmark_booking.py --clients 50 --slots 10
    .venv/bin/python scripts/benchmark_booking.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench

Each client is a Flask test client in its own thread, signed in as its own citizen (all with
the same open deadline window), so every request goes through the whole app: access guard,
CSRF, the booking service and the database's unique indexes. Each client tries the slots in
a random order until one booking succeeds or all slots are taken. Prints throughput, p50/p95
latency of the booking POSTs, bookings made, conflicts ("taken" answers) and errors, and checks
that no slot holds more than one active booking. Not a test: the numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("PORTAL_ENV", "test")

from bs4 import BeautifulSoup
from flask_migrate import upgrade
from sqlalchemy import func, select

from portal import clock, create_app, demo
from portal.demo import booking as demo_booking
from portal.extensions import db
from portal.models import Booking, BookingStatus, Person
from portal.services import booking as bookings


def _token(response) -> str:
    field = BeautifulSoup(response.get_data(as_text=True), "html.parser").find(
        "input", attrs={"name": "csrf_token"}
    )
    return field["value"]


def prepare(app, clients: int, slots: int) -> list[int]:
    with app.app_context():
        upgrade()
        demo.load(db.session, today=clock.today())
        anders = db.session.scalar(select(Person).where(Person.first_name == "Anders"))
        racers = demo_booking.add_contenders(
            db.session, clients, anders, clock.today(), prefix=f"bench-{time.time_ns()}"
        )
        window = bookings.open_window(db.session, racers[0].id, clock.today())
        free = bookings.free_slots(db.session, racers[0], window, clock.now())[-slots:]
        db.session.commit()
        ids = [s.id for s in free]
        subjects = [p.subject for p in racers]
        db.session.remove()
    return ids, subjects


def run(app, slot_ids: list[int], subjects: list[str]) -> dict:
    latencies: list[float] = []
    counts = {"booked": 0, "taken": 0, "errors": 0}
    lock = threading.Lock()
    ready = []
    for subject in subjects:
        client = app.test_client()
        page = client.get("/log-ind")
        client.post("/log-ind", data={"csrf_token": _token(page), "subject": subject, "next": ""})
        token = _token(client.get("/log-ud"))
        ready.append((client, token))
    barrier = threading.Barrier(len(ready))

    def attempt(client, token) -> None:
        order = random.sample(slot_ids, len(slot_ids))
        barrier.wait(timeout=60)
        for slot_id in order:
            started = time.perf_counter()
            response = client.post(
                "/samtaler/book/bekraeft",
                data={"csrf_token": token, "slot": slot_id, "rebook": "", "form": "telefon"},
            )
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if response.status_code == 302:
                    counts["booked"] += 1
                elif response.status_code == 409:
                    counts["taken"] += 1
                else:
                    counts["errors"] += 1
            if response.status_code != 409:
                return

    threads = [threading.Thread(target=attempt, args=pair) for pair in ready]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    return {"latencies": latencies, "wall": wall, **counts}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--slots", type=int, default=10)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        app = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": url})
        slot_ids, subjects = prepare(app, args.clients, args.slots)
        result = run(app, slot_ids, subjects)
        with app.app_context():
            per_slot = db.session.execute(
                select(Booking.slot_id, func.count())
                .where(Booking.slot_id.in_(slot_ids), Booking.status == BookingStatus.ACTIVE)
                .group_by(Booking.slot_id)
            ).all()
            db.session.remove()
            db.engine.dispose()

    latencies = sorted(result["latencies"])
    p95 = latencies[max(0, int(len(latencies) * 0.95) - 1)]
    backend = url.split(":", 1)[0]
    print(f"backend            {backend}")
    print(f"clients / slots    {args.clients} / {args.slots}")
    print(f"requests           {len(latencies)} in {result['wall']:.2f} s")
    print(f"throughput         {len(latencies) / result['wall']:.1f} booking requests/s")
    print(f"latency p50 / p95  {statistics.median(latencies) * 1000:.0f} ms / {p95 * 1000:.0f} ms")
    print(f"bookings made      {result['booked']}")
    print(f"conflicts (taken)  {result['taken']}")
    print(f"errors             {result['errors']}")
    double = [slot for slot, n in per_slot if n > 1]
    print(f"double-booked      {len(double)} slots")
    ok = result["booked"] == min(args.clients, args.slots) and not double and not result["errors"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
